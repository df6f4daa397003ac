/**
 * The packages the venue offers, to pick one: for a sale at the desk, or to swap a package Airalo no
 * longer sells. Narrowed by country and words on the hub; a long answer shows its first rows and asks
 * for a narrower search rather than drawing hundreds of buttons.
 */
import { useEffect, useState } from 'preact/hooks';
import type { EsimPackage } from '@onemoment/shared/schemas/esim';
import { ApiError, api, describeError } from '../api.ts';
import { money } from '../format.ts';
import { countryCode, packageSummary, packagesQuery } from './esim-words.ts';

const SHOWN = 60;

interface PackagePickerProps {
  selected: EsimPackage | null;
  onSelect: (pkg: EsimPackage) => void;
  /** Keeps only the packages that may be chosen here (a swap: the same price or lower). */
  choose?: (packages: EsimPackage[]) => EsimPackage[];
  /** Read again when this changes (a price changed under the person's feet). */
  reloadKey?: number;
}

export function PackagePicker({ selected, onSelect, choose = (all) => all, reloadKey = 0 }: PackagePickerProps) {
  const [country, setCountry] = useState('');
  const [words, setWords] = useState('');
  const [asked, setAsked] = useState({ country: '', words: '' });
  const [packages, setPackages] = useState<EsimPackage[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    setError(null);
    const query = packagesQuery(asked.country, asked.words);
    api.get<EsimPackage[]>(`/api/esim/packages${query ? `?${query}` : ''}`).then(
      (loaded) => {
        if (!stale) setPackages(loaded);
      },
      (failure: unknown) => {
        if (stale) return;
        setPackages([]);
        setError(failure instanceof ApiError && failure.status === 404 ? 'eSIMs are not sold on this hub.' : describeError(failure));
      },
    );
    return () => {
      stale = true;
    };
  }, [asked, reloadKey]);

  const badCountry = country.trim() !== '' && countryCode(country) === null;
  const choices = packages ? choose(packages) : null;

  return (
    <div class="esim-picker">
      <form
        class="esim-filters"
        role="search"
        aria-label="Find a package"
        onSubmit={(event) => {
          event.preventDefault();
          if (!badCountry) setAsked({ country, words });
        }}
      >
        <label class="field field-tiny">
          Country
          <input type="text" name="country" maxLength={2} autoComplete="off" placeholder="TR" value={country} onInput={(event) => setCountry(event.currentTarget.value)} />
        </label>
        <label class="field">
          Words
          <input type="search" name="words" maxLength={60} autoComplete="off" placeholder="Europe, 10 GB…" value={words} onInput={(event) => setWords(event.currentTarget.value)} />
        </label>
        <button type="submit" class="btn">
          Search
        </button>
      </form>
      {badCountry && <p class="form-error small">A country is its 2-letter code, like TR or DE.</p>}
      {error && <p class="form-error">{error}</p>}
      {!choices ? (
        <p class="muted">Loading the packages…</p>
      ) : choices.length === 0 ? (
        !error && <p class="muted" data-testid="no-packages">{asked.country || asked.words ? 'No offered package matches.' : 'No eSIM package is offered yet: a manager chooses them under eSIM → Settings.'}</p>
      ) : (
        <>
          <ul class="esim-choices" aria-label="Packages">
            {choices.slice(0, SHOWN).map((pkg) => (
              <li key={pkg.id}>
                <button type="button" class="esim-choice" aria-pressed={selected?.id === pkg.id} data-package-id={pkg.id} onClick={() => onSelect(pkg)}>
                  <span class="esim-choice-title">{pkg.title}</span>
                  <span class="esim-choice-what muted small">
                    {pkg.area} · {pkg.operator} · {packageSummary(pkg)}
                  </span>
                  <span class="esim-choice-price">{money(pkg.priceMinor, pkg.currency)}</span>
                </button>
              </li>
            ))}
          </ul>
          {choices.length > SHOWN && (
            <p class="muted small">
              Showing {SHOWN} of {choices.length}: search by country or words to find the others.
            </p>
          )}
        </>
      )}
    </div>
  );
}
