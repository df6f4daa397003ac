/**
 * The header's line of what is still owed to the internet, with its age: "Cloud: 3 changes waiting,
 * oldest 12 min · Online tasks: 2 waiting, oldest 4 min". Quiet (not there) when nothing waits. For a
 * manager each part opens the page with the details.
 */
import { useNow } from '../hooks.ts';
import { navigate } from '../router.ts';
import { owedLines, type OwedInputs } from './owed-words.ts';

export function OwedStrip({ owed, manager }: { owed: OwedInputs; manager: boolean }) {
  const now = useNow(5_000);
  const lines = owedLines(owed, now);
  if (lines.length === 0) return null;
  return (
    <div class="internet-owed" role="status" aria-label="Still owed to the internet">
      {lines.map((line) =>
        manager ? (
          <a
            key={line.key}
            href={`/admin/${line.page}`}
            class={`internet-owed-item ${line.attention ? 'internet-owed-attention' : ''}`}
            data-owed={line.key}
            onClick={(event) => {
              event.preventDefault();
              navigate(line.page);
            }}
          >
            {line.text}
          </a>
        ) : (
          <span key={line.key} class={`internet-owed-item ${line.attention ? 'internet-owed-attention' : ''}`} data-owed={line.key}>
            {line.text}
          </span>
        ),
      )}
    </div>
  );
}
