/**
 * The packages on offer, by country and words, with the guest's own eSIMs of this visit above them.
 * Buying puts the package on the bill at the price shown: the id is made once per package and kept
 * until the hub answers, so a retry after lost Wi-Fi never buys twice; a price that changed meanwhile
 * is shown, and bought only once the guest confirms it.
 */
import { newId } from '@onemoment/shared/ids';
import type { EsimPackage, EsimPurchase } from '@onemoment/shared/schemas/esim';
import { useMemo, useRef, useState } from 'preact/hooks';
import { Icon } from '../components/icons.tsx';
import { useLocale } from '../locale-context.ts';
import { noticeText } from './esim-purchase.tsx';
import { countryChoices, formatDataMb, formatDays, matchesWords } from './esim-rules.ts';
import type { EsimState } from './use-esim.ts';

interface PriceChange {
  packageId: string;
  wasMinor: number;
  nowMinor: number;
}

function regionNames(language: string): (code: string) => string | undefined {
  try {
    const names = new Intl.DisplayNames([language], { type: 'region' });
    return (code) => names.of(code);
  } catch {
    return () => undefined; // an old browser: the packages' own area names stand in
  }
}

export function EsimShop(props: { esim: EsimState; notify: (text: string, tone?: 'ok' | 'error' | 'info') => void; onBack(): void; onOpen(purchaseId: string): void }) {
  const { t, language } = useLocale();
  const { esim } = props;
  const packages = esim.packages ?? [];
  const [words, setWords] = useState('');
  const [buying, setBuying] = useState<string | null>(null);
  const [priceChange, setPriceChange] = useState<PriceChange | null>(null);
  const intents = useRef(new Map<string, string>());
  const regionName = useMemo(() => regionNames(language), [language]);
  const countries = useMemo(() => countryChoices(packages, regionName, language), [packages, regionName, language]);
  const shown = esim.shown.filter((item) => matchesWords(item, words));
  const mine = (esim.purchases ?? []).filter((purchase) => purchase.status !== 'cancelled');

  const buy = async (item: EsimPackage) => {
    const id = intents.current.get(item.id) ?? newId();
    intents.current.set(item.id, id);
    const priceMinor = priceChange?.packageId === item.id ? priceChange.nowMinor : item.priceMinor;
    setBuying(item.id);
    const outcome = await esim.buy(item, id, priceMinor);
    setBuying(null);
    switch (outcome.kind) {
      case 'bought':
        intents.current.delete(item.id);
        setPriceChange(null);
        props.onOpen(outcome.purchase.id);
        break;
      case 'price_changed':
        setPriceChange({ packageId: item.id, wasMinor: priceMinor, nowMinor: outcome.priceMinor });
        break;
      case 'refused':
        intents.current.delete(item.id);
        props.notify(outcome.message, 'error');
        break;
      case 'network':
        props.notify(t('requestFailed'), 'error');
        break;
    }
  };

  return (
    <div class="esim-view" data-testid="esim-shop">
      <button type="button" class="back-link" onClick={props.onBack} data-testid="esim-back">
        <Icon name="back" class="back-link__icon" />
        <span>{t('esimBackToMenu')}</span>
      </button>
      <h2 class="esim-view__title">{t('esimTitle')}</h2>
      <p class="esim-hint">{t('esimIntro')}</p>

      {mine.length > 0 && (
        <section class="esim-mine">
          <h3 class="section-label">{t('esimYours')}</h3>
          {mine.map((purchase) => (
            <MyEsim key={purchase.id} purchase={purchase} onOpen={() => props.onOpen(purchase.id)} />
          ))}
        </section>
      )}

      {packages.length === 0 ? (
        <p class="empty">{t('esimNoneOffered')}</p>
      ) : (
        <>
          <div class="esim-filters">
            <label class="esim-filter">
              <span class="esim-filter__label">{t('esimCountry')}</span>
              <select value={esim.country} onChange={(event) => esim.chooseCountry(event.currentTarget.value)} data-testid="esim-country">
                <option value="">{t('esimAllCountries')}</option>
                {countries.map((choice) => (
                  <option key={choice.code} value={choice.code}>
                    {choice.name}
                  </option>
                ))}
              </select>
            </label>
            <label class="esim-filter">
              <span class="esim-filter__label">{t('esimSearch')}</span>
              <input type="search" value={words} onInput={(event) => setWords(event.currentTarget.value)} data-testid="esim-search" />
            </label>
          </div>
          {shown.length === 0 ? (
            <p class="empty">{t('esimNoMatch')}</p>
          ) : (
            <ul class="esim-packages">
              {shown.map((item) => (
                <PackageCard
                  key={item.id}
                  item={item}
                  area={item.country ? (regionName(item.country.toUpperCase()) ?? item.area) : item.area}
                  change={priceChange?.packageId === item.id ? priceChange : null}
                  busy={buying === item.id}
                  onBuy={() => void buy(item)}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function PackageCard(props: { item: EsimPackage; area: string; change: PriceChange | null; busy: boolean; onBuy(): void }) {
  const { t, money } = useLocale();
  const { item, change } = props;
  const numberLocale = t('numberLocale');
  const price = money(change?.nowMinor ?? item.priceMinor, item.currency);
  return (
    <li class="esim-package" data-testid="esim-package" data-package-id={item.id}>
      <div class="esim-package__main">
        <h3 class="esim-package__title">{item.title}</h3>
        <span class="esim-package__area">{props.area}</span>
        <span class="esim-package__facts">
          <span data-testid="esim-data">{item.unlimited || item.dataMb === undefined ? t('esimUnlimited') : formatDataMb(item.dataMb, numberLocale)}</span>
          <span aria-hidden="true"> · </span>
          <span data-testid="esim-days">{formatDays(item.days, numberLocale)}</span>
        </span>
      </div>
      <span class="esim-package__price" data-testid="esim-price">
        {price}
      </span>
      {change && (
        <p class="esim-package__changed" role="alert" data-testid="esim-price-changed">
          {t('esimPriceChanged', { now: price, was: money(change.wasMinor, item.currency) })}
        </p>
      )}
      <button type="button" class="button button--primary esim-package__buy" disabled={props.busy} onClick={props.onBuy} data-testid="esim-buy">
        {change ? t('esimBuyAt', { price }) : t('esimBuy')}
      </button>
    </li>
  );
}

function MyEsim(props: { purchase: EsimPurchase; onOpen(): void }) {
  const { t } = useLocale();
  const { purchase } = props;
  return (
    <button type="button" class="esim-mine__item" onClick={props.onOpen} data-testid="esim-mine" data-status={purchase.status}>
      <span class="esim-mine__title">{purchase.title}</span>
      <span class="esim-mine__state">{noticeText(purchase.notice, t).title}</span>
    </button>
  );
}
