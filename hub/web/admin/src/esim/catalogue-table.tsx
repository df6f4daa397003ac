/**
 * Airalo's catalogue as the manager sets it up: found by country and words, or only what is offered;
 * one page of rows at a time (Airalo lists thousands of packages), each with Airalo's retail and net
 * prices in dollars beside the floor and the venue's price, an "offered" switch and a price field.
 * The hub has the last word on a price: a refusal (below the floor, a package gone, no rate yet) is
 * shown in its words on the row, and nothing changes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EsimCatalogueEntry } from '@onemoment/shared/schemas/esim';
import { ApiError, api, describeError } from '../api.ts';
import { money, toMajorText } from '../format.ts';
import { notify } from '../toasts.tsx';
import { CATALOGUE_PAGE_SIZE, catalogueQuery, catalogueRefusalText, checkSellingPrice, countryCode, packageSummary, pageText, priceDraftOf, usdText, type CatalogueFilter } from './esim-words.ts';

const NO_FILTER: CatalogueFilter = { country: '', words: '', offeredOnly: false };

interface CatalogueTableProps {
  /** Read the page again when this changes (a refresh landed, the rate changed). */
  version: string;
  /** A package was offered, withdrawn or priced. */
  onChanged: () => void;
}

export function CatalogueTable({ version, onChanged }: CatalogueTableProps) {
  const [draft, setDraft] = useState<CatalogueFilter>(NO_FILTER);
  const [filter, setFilter] = useState<CatalogueFilter>(NO_FILTER);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ total: number; packages: EsimCatalogueEntry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);

  useEffect(() => {
    const ask = ++asked.current;
    setError(null);
    api.get<{ total: number; packages: EsimCatalogueEntry[] }>(`/api/admin/esim/catalogue?${catalogueQuery(filter, offset)}`).then(
      (loaded) => {
        // A slower answer to an earlier filter or page is not shown over the newer one.
        if (ask === asked.current) setPage(loaded);
      },
      (failure: unknown) => {
        if (ask === asked.current) setError(describeError(failure));
      },
    );
  }, [filter, offset, version]);

  const apply = (next: CatalogueFilter) => {
    setFilter(next);
    setOffset(0);
  };
  const badCountry = draft.country.trim() !== '' && countryCode(draft.country) === null;
  const replace = (entry: EsimCatalogueEntry) => {
    setPage((current) => current && { ...current, packages: current.packages.map((row) => (row.id === entry.id ? entry : row)) });
    onChanged();
  };

  return (
    <section class="card esim-catalogue" aria-label="Catalogue" data-total={page?.total ?? ''}>
      <div class="esim-catalogue-head">
        <h2>Catalogue</h2>
        <form
          class="esim-filters"
          role="search"
          aria-label="Filter the catalogue"
          onSubmit={(event) => {
            event.preventDefault();
            if (!badCountry) apply(draft);
          }}
        >
          <label class="field field-tiny">
            Country
            <input type="text" name="country" maxLength={2} autoComplete="off" placeholder="TR" value={draft.country} onInput={(event) => setDraft({ ...draft, country: event.currentTarget.value })} />
          </label>
          <label class="field">
            Words
            <input type="search" name="words" maxLength={60} autoComplete="off" placeholder="Europe, Discover…" value={draft.words} onInput={(event) => setDraft({ ...draft, words: event.currentTarget.value })} />
          </label>
          <label class="check">
            <input
              type="checkbox"
              name="offeredOnly"
              checked={draft.offeredOnly}
              onChange={(event) => {
                const next = { ...draft, offeredOnly: event.currentTarget.checked };
                setDraft(next);
                if (!badCountry) apply(next);
              }}
            />
            Offered only
          </label>
          <button type="submit" class="btn">
            Search
          </button>
        </form>
      </div>
      {badCountry && <p class="form-error small">A country is its 2-letter code, like TR or DE.</p>}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {!page ? (
        !error && <p class="muted">Loading the catalogue…</p>
      ) : page.packages.length === 0 ? (
        <p class="muted" data-testid="catalogue-empty">
          {!filter.offeredOnly && filter.words.trim() === '' && countryCode(filter.country) === null ? 'No packages yet: save the Airalo credentials, then refresh the catalogue.' : 'No package matches.'}
        </p>
      ) : (
        <div class="esim-table-wrap">
          <table class="esim-table">
            <thead>
              <tr>
                <th>Package</th>
                <th>Where</th>
                <th class="num" title="Airalo's retail price, and what the venue pays Airalo">
                  Airalo retail / net
                </th>
                <th class="num" title="Airalo's retail price at the venue's rate, rounded up: the lowest price allowed">
                  Floor
                </th>
                <th>Your price</th>
                <th>Offered</th>
              </tr>
            </thead>
            <tbody>
              {page.packages.map((entry) => (
                <CatalogueRow key={entry.id} entry={entry} onEntry={replace} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && page.total > 0 && (
        <div class="esim-pager">
          <span class="muted small" data-testid="catalogue-page">
            {pageText(offset, page.packages.length, page.total)}
          </span>
          <button type="button" class="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - CATALOGUE_PAGE_SIZE))}>
            Previous
          </button>
          <button type="button" class="btn btn-small" disabled={offset + CATALOGUE_PAGE_SIZE >= page.total} onClick={() => setOffset(offset + CATALOGUE_PAGE_SIZE)}>
            Next
          </button>
        </div>
      )}
    </section>
  );
}

function CatalogueRow({ entry, onEntry }: { entry: EsimCatalogueEntry; onEntry: (entry: EsimCatalogueEntry) => void }) {
  const toText = (minor: number) => toMajorText(minor, entry.currency);
  const [price, setPrice] = useState(() => priceDraftOf(entry, toText));
  const [busy, setBusy] = useState(false);
  /** The switch as tapped, until the hub answers; then the entry's own again (a refusal puts it back). */
  const [switching, setSwitching] = useState<boolean | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  // The hub's newer price (another tablet, a new rate) replaces the field unless the person is typing.
  useEffect(() => setPrice(priceDraftOf(entry, toText)), [entry.sellingMinor, entry.floorMinor]);
  const checked = checkSellingPrice(price, entry.currency);
  const saved = priceDraftOf(entry, toText);

  const put = async (offered: boolean) => {
    if (busy) return;
    if (!checked.ok) {
      setRefusal(checked.problem);
      return;
    }
    setBusy(true);
    setSwitching(offered === entry.offered ? null : offered);
    setRefusal(null);
    try {
      const body = checked.value === null ? { offered } : { offered, sellingMinor: checked.value };
      const next = await api.request<EsimCatalogueEntry>('PUT', `/api/admin/esim/packages/${encodeURIComponent(entry.id)}`, body);
      onEntry(next);
      const priceWords = next.sellingMinor === null ? '' : ` at ${money(next.sellingMinor, next.currency)}`;
      notify(next.offered ? `${next.title}: offered${priceWords}` : `${next.title}: no longer offered`);
    } catch (failure) {
      setRefusal(failure instanceof ApiError ? catalogueRefusalText(failure.code, failure.message) : describeError(failure));
    } finally {
      setBusy(false);
      setSwitching(null);
    }
  };
  const shownOffered = switching ?? entry.offered;

  return (
    <>
      <tr class={`esim-row ${entry.gone ? 'esim-row-gone' : ''} ${entry.offered ? 'esim-row-offered' : ''}`} data-package-id={entry.id} data-offered={String(entry.offered)} data-selling-minor={entry.sellingMinor ?? ''}>
        <td>
          <strong>{entry.title}</strong>
          <span class="muted small esim-row-sub">
            {packageSummary(entry)} · {entry.operator}
            {entry.type === 'topup' && ' · top-up'}
          </span>
          {entry.gone && <span class="form-error small esim-row-sub">Airalo no longer sells it</span>}
        </td>
        <td>
          {entry.area}
          {entry.country && <span class="muted small"> ({entry.country})</span>}
        </td>
        <td class="num">
          {usdText(entry.retailUsdMinor)} / {usdText(entry.netUsdMinor)}
        </td>
        <td class="num" data-testid="floor">
          {entry.floorMinor === null ? <span class="muted small">set the rate</span> : money(entry.floorMinor, entry.currency)}
        </td>
        <td>
          <form
            class="esim-price"
            aria-label={`Price of ${entry.title}`}
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void put(entry.offered);
            }}
          >
            <input
              type="text"
              name="price"
              inputMode="decimal"
              autoComplete="off"
              aria-label={`Price of ${entry.title}, ${entry.currency}`}
              placeholder={entry.floorMinor === null ? '' : toText(entry.floorMinor)}
              value={price}
              onInput={(event) => setPrice(event.currentTarget.value)}
            />
            {price.trim() !== saved && (
              <button type="submit" class="btn btn-small" disabled={busy}>
                Save
              </button>
            )}
          </form>
        </td>
        <td>
          <label class="switch">
            <input
              type="checkbox"
              name="offered"
              aria-label={`Offer ${entry.title}`}
              checked={shownOffered}
              disabled={busy || (entry.gone && !entry.offered)}
              onChange={() => void put(!entry.offered)}
            />
            <span>{shownOffered ? 'Offered' : 'Off'}</span>
          </label>
        </td>
      </tr>
      {refusal && (
        <tr class="esim-row-refusal">
          <td colSpan={6}>
            <p class="form-error small" role="alert">
              {refusal}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}
