import type { LocalizedText } from '@onemoment/shared/localized-text';

/**
 * The demo venue seeded into an empty database: enough of a real bistro's menu to try every rule
 * (modifiers with min/max, allergens, three stations, two languages).
 */
export interface DemoModifierGroup {
  id: string;
  names: LocalizedText;
  minChoices: number;
  maxChoices: number;
  modifiers: Array<{ id: string; names: LocalizedText; priceMinor: number }>;
}

export interface DemoItem {
  id: string;
  names: LocalizedText;
  descriptions: LocalizedText;
  priceMinor: number;
  station: 'grill' | 'cold' | 'bar';
  allergens: string[];
  modifierGroups?: DemoModifierGroup[];
}

export interface DemoCategory {
  id: string;
  names: LocalizedText;
  /** German VAT, prices include it: food served in a restaurant 7 % (since 2026), drinks 19 %. */
  taxRateBp: number;
  items: DemoItem[];
}

export const DEMO_VENUE = {
  id: 'demo-bistro',
  name: 'OneMoment Demo Bistro',
  currency: 'EUR',
  timezone: 'Europe/Berlin',
  languages: ['en', 'ru'],
};

export const DEMO_STATIONS = [
  { id: 'grill', name: 'Grill', warnMinutes: 8, lateMinutes: 15 },
  { id: 'cold', name: 'Cold kitchen', warnMinutes: 5, lateMinutes: 10 },
  { id: 'bar', name: 'Bar', warnMinutes: 3, lateMinutes: 6 },
];

export const DEMO_STAFF = [
  { id: 'staff-manager', name: 'Manager', role: 'manager', pin: '1111' },
  { id: 'staff-waiter', name: 'Waiter', role: 'waiter', pin: '2222' },
  { id: 'staff-kitchen', name: 'Kitchen', role: 'kitchen', pin: '3333' },
  { id: 'staff-front-desk', name: 'Front desk', role: 'front_desk', pin: '4444' },
  { id: 'staff-housekeeping', name: 'Housekeeping', role: 'housekeeping', pin: '5555' },
] as const;

export const DEMO_TABLE_COUNT = 12;

const doneness = (itemId: string): DemoModifierGroup => ({
  id: `${itemId}--doneness`,
  names: { en: 'Doneness', ru: 'Прожарка' },
  minChoices: 1,
  maxChoices: 1,
  modifiers: [
    { id: `${itemId}--rare`, names: { en: 'Rare', ru: 'С кровью' }, priceMinor: 0 },
    { id: `${itemId}--medium`, names: { en: 'Medium', ru: 'Средняя' }, priceMinor: 0 },
    { id: `${itemId}--well-done`, names: { en: 'Well done', ru: 'Полная' }, priceMinor: 0 },
  ],
});

const milk = (itemId: string): DemoModifierGroup => ({
  id: `${itemId}--milk`,
  names: { en: 'Milk', ru: 'Молоко' },
  minChoices: 0,
  maxChoices: 1,
  modifiers: [
    { id: `${itemId}--oat-milk`, names: { en: 'Oat milk', ru: 'Овсяное молоко' }, priceMinor: 50 },
    { id: `${itemId}--lactose-free`, names: { en: 'Lactose-free milk', ru: 'Безлактозное молоко' }, priceMinor: 30 },
  ],
});

export const DEMO_MENU: DemoCategory[] = [
  {
    id: 'starters',
    taxRateBp: 700,
    names: { en: 'Starters', ru: 'Закуски' },
    items: [
      { id: 'tomato-soup', names: { en: 'Tomato soup', ru: 'Томатный суп' }, descriptions: { en: 'Roasted tomatoes, basil, sourdough croutons', ru: 'Печёные томаты, базилик, гренки' }, priceMinor: 650, station: 'grill', allergens: ['gluten', 'celery'] },
      { id: 'greek-salad', names: { en: 'Greek salad', ru: 'Греческий салат' }, descriptions: { en: 'Tomato, cucumber, olives, feta', ru: 'Томаты, огурцы, оливки, фета' }, priceMinor: 850, station: 'cold', allergens: ['milk'] },
      { id: 'caesar-salad', names: { en: 'Caesar salad', ru: 'Салат «Цезарь»' }, descriptions: { en: 'Romaine, parmesan, anchovy dressing, croutons', ru: 'Романо, пармезан, соус с анчоусами, гренки' }, priceMinor: 950, station: 'cold', allergens: ['gluten', 'eggs', 'fish', 'milk'], modifierGroups: [{ id: 'caesar-salad--extra', names: { en: 'Add', ru: 'Добавить' }, minChoices: 0, maxChoices: 2, modifiers: [{ id: 'caesar-salad--chicken', names: { en: 'Grilled chicken', ru: 'Курица гриль' }, priceMinor: 300 }, { id: 'caesar-salad--prawns', names: { en: 'Prawns', ru: 'Креветки' }, priceMinor: 450 }] }] },
      { id: 'beef-tartare', names: { en: 'Beef tartare', ru: 'Тартар из говядины' }, descriptions: { en: 'Hand-cut beef, capers, egg yolk', ru: 'Говядина, каперсы, желток' }, priceMinor: 1250, station: 'cold', allergens: ['eggs', 'mustard'] },
      { id: 'hummus', names: { en: 'Hummus with pita', ru: 'Хумус с питой' }, descriptions: { en: 'Chickpeas, tahini, warm pita', ru: 'Нут, тахини, тёплая пита' }, priceMinor: 700, station: 'cold', allergens: ['sesame', 'gluten'] },
      { id: 'garlic-prawns', names: { en: 'Garlic prawns', ru: 'Креветки с чесноком' }, descriptions: { en: 'Sizzling prawns, chilli, garlic butter', ru: 'Креветки, чили, чесночное масло' }, priceMinor: 1150, station: 'grill', allergens: ['crustaceans', 'milk'] },
    ],
  },
  {
    id: 'mains',
    taxRateBp: 700,
    names: { en: 'Mains', ru: 'Основные блюда' },
    items: [
      { id: 'classic-burger', names: { en: 'Classic burger', ru: 'Классический бургер' }, descriptions: { en: 'Beef patty, cheddar, pickles, brioche bun', ru: 'Говяжья котлета, чеддер, огурцы, бриошь' }, priceMinor: 1450, station: 'grill', allergens: ['gluten', 'milk', 'mustard', 'sesame'], modifierGroups: [doneness('classic-burger'), { id: 'classic-burger--side', names: { en: 'Side', ru: 'Гарнир' }, minChoices: 0, maxChoices: 1, modifiers: [{ id: 'classic-burger--burger-fries', names: { en: 'Fries', ru: 'Картофель фри' }, priceMinor: 350 }, { id: 'classic-burger--burger-salad', names: { en: 'Side salad', ru: 'Салат' }, priceMinor: 300 }] }] },
      { id: 'ribeye-steak', names: { en: 'Ribeye steak', ru: 'Стейк рибай' }, descriptions: { en: '300 g ribeye, pepper sauce', ru: 'Рибай 300 г, перечный соус' }, priceMinor: 2900, station: 'grill', allergens: ['milk'], modifierGroups: [doneness('ribeye-steak')] },
      { id: 'grilled-salmon', names: { en: 'Grilled salmon', ru: 'Лосось на гриле' }, descriptions: { en: 'Salmon fillet, lemon, greens', ru: 'Филе лосося, лимон, зелень' }, priceMinor: 2150, station: 'grill', allergens: ['fish'] },
      { id: 'chicken-schnitzel', names: { en: 'Chicken schnitzel', ru: 'Шницель из курицы' }, descriptions: { en: 'Breaded chicken, potato salad', ru: 'Курица в панировке, картофельный салат' }, priceMinor: 1650, station: 'grill', allergens: ['gluten', 'eggs'] },
      { id: 'mushroom-risotto', names: { en: 'Mushroom risotto', ru: 'Ризотто с грибами' }, descriptions: { en: 'Arborio rice, porcini, parmesan', ru: 'Рис арборио, белые грибы, пармезан' }, priceMinor: 1550, station: 'grill', allergens: ['milk', 'celery'] },
      { id: 'veggie-bowl', names: { en: 'Falafel bowl', ru: 'Боул с фалафелем' }, descriptions: { en: 'Falafel, quinoa, tahini, pickled vegetables', ru: 'Фалафель, киноа, тахини, маринованные овощи' }, priceMinor: 1350, station: 'cold', allergens: ['sesame'] },
      { id: 'fish-and-chips', names: { en: 'Fish and chips', ru: 'Рыба с картофелем фри' }, descriptions: { en: 'Beer-battered cod, fries, tartar sauce', ru: 'Треска в кляре, картофель фри, тартар' }, priceMinor: 1700, station: 'grill', allergens: ['fish', 'gluten', 'eggs'] },
    ],
  },
  {
    id: 'desserts',
    taxRateBp: 700,
    names: { en: 'Desserts', ru: 'Десерты' },
    items: [
      { id: 'cheesecake', names: { en: 'Cheesecake', ru: 'Чизкейк' }, descriptions: { en: 'Baked cheesecake, berry sauce', ru: 'Запечённый чизкейк, ягодный соус' }, priceMinor: 750, station: 'cold', allergens: ['milk', 'eggs', 'gluten'] },
      { id: 'chocolate-fondant', names: { en: 'Chocolate fondant', ru: 'Шоколадный фондан' }, descriptions: { en: 'Warm chocolate cake, vanilla ice cream', ru: 'Тёплый шоколадный кекс, ванильное мороженое' }, priceMinor: 850, station: 'grill', allergens: ['milk', 'eggs', 'gluten'] },
      { id: 'ice-cream', names: { en: 'Ice cream', ru: 'Мороженое' }, descriptions: { en: 'Three scoops', ru: 'Три шарика' }, priceMinor: 600, station: 'cold', allergens: ['milk'], modifierGroups: [{ id: 'ice-cream--flavours', names: { en: 'Flavours', ru: 'Вкусы' }, minChoices: 1, maxChoices: 3, modifiers: [{ id: 'ice-cream--vanilla', names: { en: 'Vanilla', ru: 'Ваниль' }, priceMinor: 0 }, { id: 'ice-cream--chocolate', names: { en: 'Chocolate', ru: 'Шоколад' }, priceMinor: 0 }, { id: 'ice-cream--pistachio', names: { en: 'Pistachio', ru: 'Фисташка' }, priceMinor: 50 }] }] },
      { id: 'apple-strudel', names: { en: 'Apple strudel', ru: 'Яблочный штрудель' }, descriptions: { en: 'Warm strudel, cream', ru: 'Тёплый штрудель, сливки' }, priceMinor: 700, station: 'cold', allergens: ['gluten', 'milk', 'nuts'] },
    ],
  },
  {
    id: 'drinks',
    taxRateBp: 1900,
    names: { en: 'Drinks', ru: 'Напитки' },
    items: [
      { id: 'lemonade', names: { en: 'Homemade lemonade', ru: 'Домашний лимонад' }, descriptions: { en: 'Lemon, mint, soda', ru: 'Лимон, мята, содовая' }, priceMinor: 450, station: 'bar', allergens: [] },
      { id: 'espresso', names: { en: 'Espresso', ru: 'Эспрессо' }, descriptions: { en: 'Double shot', ru: 'Двойной' }, priceMinor: 280, station: 'bar', allergens: [] },
      { id: 'cappuccino', names: { en: 'Cappuccino', ru: 'Капучино' }, descriptions: { en: 'Espresso and steamed milk', ru: 'Эспрессо и молочная пена' }, priceMinor: 380, station: 'bar', allergens: ['milk'], modifierGroups: [milk('cappuccino')] },
      { id: 'black-tea', names: { en: 'Black tea', ru: 'Чёрный чай' }, descriptions: { en: 'Pot of Assam tea', ru: 'Чайник ассама' }, priceMinor: 350, station: 'bar', allergens: [] },
      { id: 'house-red', names: { en: 'House red wine', ru: 'Красное вино' }, descriptions: { en: 'Glass, 150 ml', ru: 'Бокал, 150 мл' }, priceMinor: 650, station: 'bar', allergens: ['sulphites'] },
      { id: 'craft-beer', names: { en: 'Craft beer', ru: 'Крафтовое пиво' }, descriptions: { en: 'Pilsner, 0.4 l', ru: 'Пилснер, 0,4 л' }, priceMinor: 550, station: 'bar', allergens: ['gluten'] },
      { id: 'sparkling-water', names: { en: 'Sparkling water', ru: 'Газированная вода' }, descriptions: { en: '0.5 l bottle', ru: 'Бутылка 0,5 л' }, priceMinor: 300, station: 'bar', allergens: [] },
    ],
  },
];
