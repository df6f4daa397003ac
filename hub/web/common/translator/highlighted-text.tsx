/**
 * A line's words with their highlights (line-highlights.ts): untranslated words and allergen words as
 * marked spans. Each page styles the classes it passes, so the staff and guest pages keep their looks.
 */
import type { Allergen } from '@onemoment/shared/schemas/menu';
import type { LineSegment } from './line-highlights.ts';

export interface HighlightClasses {
  untranslated: string;
  allergen: string;
}

export function HighlightedText(props: { segments: readonly LineSegment[]; classes: HighlightClasses; allergenTitle(allergen: Allergen): string; untranslatedTitle: string }) {
  return (
    <>
      {props.segments.map((segment, index) => {
        if (!segment.untranslated && !segment.allergen) return segment.text;
        const classes = [segment.untranslated ? props.classes.untranslated : '', segment.allergen ? props.classes.allergen : ''].filter(Boolean).join(' ');
        const title = [segment.allergen ? props.allergenTitle(segment.allergen) : '', segment.untranslated ? props.untranslatedTitle : ''].filter(Boolean).join(' · ');
        return (
          <mark
            key={index}
            class={classes}
            title={title}
            data-untranslated={segment.untranslated ? 'true' : undefined}
            data-allergen={segment.allergen ?? undefined}
          >
            {segment.text}
          </mark>
        );
      })}
    </>
  );
}
