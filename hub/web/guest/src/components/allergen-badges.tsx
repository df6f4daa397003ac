import type { MessageKey } from '../i18n/index.ts';
import { useLocale } from '../locale-context.ts';
import { hasIcon, Icon } from './icons.tsx';

/** Allergens as badges with an icon and the word (never an icon alone: a guest with an allergy must be sure). */
export function AllergenBadges({ allergens, compact = false }: { allergens: readonly string[]; compact?: boolean }) {
  const { t } = useLocale();
  if (allergens.length === 0) return null;
  return (
    <ul class={compact ? 'allergens allergens--compact' : 'allergens'} aria-label={t('allergens')}>
      {allergens.map((code) => {
        const key = `allergen_${code}` as MessageKey;
        const label = t(key);
        return (
          <li key={code} class="allergen">
            {hasIcon(code) && <Icon name={code} size={compact ? 14 : 18} />}
            <span>{label === key ? code : label}</span>
          </li>
        );
      })}
    </ul>
  );
}
