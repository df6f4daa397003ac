import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocale } from '../locale-context.ts';
import type { GuestMenu, MenuItem } from '../types.ts';
import { AllergenBadges } from './allergen-badges.tsx';
import { Icon } from './icons.tsx';

/** The menu by category, with sticky category tabs that follow the scroll. */
export function MenuView(props: { menu: GuestMenu; onOpen: (item: MenuItem) => void; onQuickAdd: (item: MenuItem) => void }) {
  const { t } = useLocale();
  const categories = props.menu.categories.filter((category) => category.items.length > 0);
  const [active, setActive] = useState(categories[0]?.id ?? '');
  const tabs = useRef<HTMLDivElement>(null);
  const jumping = useRef(false);

  // The active tab is the last category whose heading has passed under the sticky bar.
  useEffect(() => {
    const onScroll = () => {
      if (jumping.current) return;
      const barBottom = tabs.current?.getBoundingClientRect().bottom ?? 0;
      let current = categories[0]?.id ?? '';
      for (const category of categories) {
        const section = document.getElementById(`cat-${category.id}`);
        if (section && section.getBoundingClientRect().top <= barBottom + 24) current = category.id;
      }
      setActive(current);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    onScroll();
    return () => window.removeEventListener('scroll', onScroll);
  }, [props.menu]);

  useEffect(() => {
    const tab = tabs.current?.querySelector<HTMLElement>(`[data-cat="${CSS.escape(active)}"]`);
    const strip = tabs.current;
    if (!tab || !strip) return;
    // Keep the active tab visible in the strip without moving the page (scrollIntoView would).
    const tabBox = tab.getBoundingClientRect();
    const stripBox = strip.getBoundingClientRect();
    if (tabBox.left < stripBox.left || tabBox.right > stripBox.right) {
      strip.scrollBy({ left: tabBox.left - stripBox.left - (stripBox.width - tabBox.width) / 2, behavior: 'smooth' });
    }
  }, [active]);

  const jump = (id: string) => {
    setActive(id);
    jumping.current = true;
    document.getElementById(`cat-${id}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    setTimeout(() => (jumping.current = false), 700);
  };

  if (categories.length === 0) return <p class="empty">{t('menuEmpty')}</p>;

  return (
    <>
      <nav class="cat-tabs" ref={tabs} aria-label={t('tabMenu')}>
        {categories.map((category) => (
          <button
            type="button"
            key={category.id}
            data-cat={category.id}
            class={category.id === active ? 'cat-tab cat-tab--active' : 'cat-tab'}
            aria-current={category.id === active ? 'true' : undefined}
            onClick={() => jump(category.id)}
          >
            {category.name}
          </button>
        ))}
      </nav>
      <div class="menu">
        {categories.map((category) => (
          <section key={category.id} id={`cat-${category.id}`} class="menu-section" aria-labelledby={`cat-title-${category.id}`}>
            <h2 class="menu-section__title" id={`cat-title-${category.id}`}>
              {category.name}
            </h2>
            <ul class="items">
              {category.items.map((item) => (
                <ItemCard key={item.id} item={item} currency={props.menu.currency} onOpen={props.onOpen} onQuickAdd={props.onQuickAdd} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}

const THUMB_STYLE = { alignSelf: 'center', flex: 'none', objectFit: 'cover', borderRadius: '12px', marginInlineStart: '12px' } as const;

function ItemCard(props: { item: MenuItem; currency: string; onOpen: (item: MenuItem) => void; onQuickAdd: (item: MenuItem) => void }) {
  const { item } = props;
  const { t, money } = useLocale();
  const hasChoices = item.modifierGroups.length > 0;
  return (
    <li class="item-card" data-item-id={item.id}>
      {item.thumbnailUrl && (
        // Decorative: the card's button names the dish. Styled inline so the thumbnail stays in this component.
        <img class="item-card__thumb" src={item.thumbnailUrl} alt="" loading="lazy" decoding="async" width={76} height={76} style={THUMB_STYLE} />
      )}
      <button type="button" class="item-card__main" onClick={() => props.onOpen(item)}>
        <span class="item-card__name">{item.name}</span>
        {item.description && <span class="item-card__desc">{item.description}</span>}
        <AllergenBadges allergens={item.allergens} compact />
        <span class="item-card__price">{money(item.priceMinor, props.currency)}</span>
      </button>
      <button
        type="button"
        class="item-card__add"
        aria-label={t('addNamed', { name: item.name })}
        onClick={() => (hasChoices ? props.onOpen(item) : props.onQuickAdd(item))}
      >
        <Icon name="plus" size={22} />
      </button>
    </li>
  );
}
