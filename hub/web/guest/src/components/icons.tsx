/**
 * Line icons drawn as SVG paths (no icon font, no emoji: phones and kiosks differ in which glyphs they
 * have). Icons are decorative; the words beside them carry the meaning.
 */
const PATHS = {
  plus: 'M12 5v14M5 12h14',
  minus: 'M5 12h14',
  close: 'M6 6l12 12M18 6L6 18',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  bell: 'M6 16v-5a6 6 0 0 1 12 0v5l2 2H4zM10 20.5a2 2 0 0 0 4 0',
  receipt: 'M6 2.5h12v19l-3-2-3 2-3-2-3 2zM9 7.5h6M9 11.5h6M9 15.5h4',
  clock: 'M12 3a9 9 0 1 0 0.01 0zM12 7v5l3 2',
  alert: 'M12 3l10 18H2zM12 10v5M12 18v.5',
  back: 'M15 5l-7 7 7 7',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  wallet: 'M3 7h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2zM3 7l12-4 1 4M16 13.5h1.5',
  split: 'M12 3v18M5 8l-2 4 2 4M19 8l2 4-2 4',
  // EU 14 allergens
  gluten:
    'M12 22V8M12 8c-2-1-3-3-3-5 2 1 3 3 3 5zm0 0c2-1 3-3 3-5-2 1-3 3-3 5zM12 13c-2-1-4-2-4-5 2 1 4 2 4 5zm0 0c2-1 4-2 4-5-2 1-4 2-4 5zM12 18c-2-1-4-2-4-5 2 1 4 2 4 5zm0 0c2-1 4-2 4-5-2 1-4 2-4 5z',
  crustaceans: 'M5 9c4-4 13-3 13 4 0 4-3 6-6 6-2 0-3-1-3-3M5 9L3 5M5 9l4 1M18 13l3 1M9 16l-3 3h5',
  eggs: 'M12 3c-4 0-7 6-7 11a7 7 0 0 0 14 0c0-5-3-11-7-11z',
  fish: 'M6 12c3-4 6-6 10-6 3 0 5 3 6 6-1 3-3 6-6 6-4 0-7-2-10-6zM6 12L2 8v8zM17 10.5v.5',
  peanuts: 'M12 3a4 4 0 0 0-4 4c0 2 1 3 1 5s-1 3-1 5a4 4 0 0 0 8 0c0-2-1-3-1-5s1-3 1-5a4 4 0 0 0-4-4z',
  soy: 'M5 19c-2-2-1-6 3-10s8-5 10-3 1 6-3 10-8 5-10 3zM7.5 15a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0zM10.5 12a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0zM13.5 9a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0z',
  milk: 'M9 2h6v3l2 3v13a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V8l2-3zM7 12h10',
  nuts: 'M4.5 10c0-3 3-5 7.5-5s7.5 2 7.5 5zM6 10c0 6 3 10 6 11 3-1 6-5 6-11M12 5V2',
  celery: 'M9 22V10c0-3-2-5-2-8M12 22V9c0-3 0-5 1-7M15 22V10c0-3 2-5 2-8M8 22h8',
  mustard: 'M11 1.5h2l1 3.5h-4zM8 5h8l1 4v12a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V9zM7 13h10',
  sesame:
    'M6 7a2 3 0 1 0 4 0a2 3 0 1 0-4 0zM14 6a2 3 0 1 0 4 0a2 3 0 1 0-4 0zM10 13a2 3 0 1 0 4 0a2 3 0 1 0-4 0zM5 18a2 3 0 1 0 4 0a2 3 0 1 0-4 0zM15 17a2 3 0 1 0 4 0a2 3 0 1 0-4 0z',
  sulphites: 'M7 2h10c0 6-2 9-5 9s-5-3-5-9zM12 11v9M8 21h8',
  lupin:
    'M12 22V11M10 4a2 2 0 1 0 4 0a2 2 0 1 0-4 0zM7 8a2 2 0 1 0 4 0a2 2 0 1 0-4 0zM13 8a2 2 0 1 0 4 0a2 2 0 1 0-4 0zM7 12.5a2 2 0 1 0 4 0a2 2 0 1 0-4 0zM13 12.5a2 2 0 1 0 4 0a2 2 0 1 0-4 0z',
  molluscs: 'M3 14a9 9 0 0 1 18 0l-3 5H6zM12 5v14M7.5 6.5l2 12.5M16.5 6.5l-2 12.5',
} as const;

export type IconName = keyof typeof PATHS;

export function hasIcon(name: string): name is IconName {
  return name in PATHS;
}

export function Icon({ name, size = 20, class: className }: { name: IconName; size?: number; class?: string }) {
  return (
    <svg
      class={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
