import { MAX_QUANTITY, type PricedLine } from '../cart.ts';
import { useLocale } from '../locale-context.ts';
import { Icon } from './icons.tsx';
import { QuantityStepper, Sheet } from './sheet.tsx';

/** The cart: lines with quantities, the total, and the Order button. */
export function CartSheet(props: {
  lines: PricedLine[];
  totalMinor: number;
  currency: string;
  onQuantity: (key: string, quantity: number) => void;
  onOrder: () => void;
  onClose: () => void;
}) {
  const { t, money } = useLocale();
  const empty = props.lines.length === 0;
  return (
    <Sheet
      title={t('yourOrder')}
      label={t('yourOrder')}
      onClose={props.onClose}
      footer={
        <div class="cart-foot">
          <p class="cart-total">
            <span>{t('total')}</span>
            <strong data-testid="cart-total">{money(props.totalMinor, props.currency)}</strong>
          </p>
          <button type="button" class="button button--primary button--block" disabled={empty} onClick={props.onOrder} data-testid="place-order">
            {t('placeOrder')}
          </button>
        </div>
      }
    >
      {empty ? (
        <p class="empty">{t('emptyCart')}</p>
      ) : (
        <ul class="cart-lines">
          {props.lines.map(({ line, item, unitMinor, totalMinor, modifierNames }, index) => (
            <li key={line.key} class="cart-line" data-item-id={item.id}>
              <div class="cart-line__text">
                <span class="cart-line__name">{item.name}</span>
                {modifierNames.length > 0 && <span class="cart-line__mods">{modifierNames.join(', ')}</span>}
                {line.note && <span class="cart-line__note">“{line.note}”</span>}
                <span class="cart-line__each">{t('each', { price: money(unitMinor, props.currency) })}</span>
                {line.quantity >= MAX_QUANTITY && (
                  <span class="limit-hint" id={`cart-limit-${index}`}>
                    {t('lineMax', { max: MAX_QUANTITY })}
                  </span>
                )}
              </div>
              <div class="cart-line__side">
                <strong class="cart-line__total">{money(totalMinor, props.currency)}</strong>
                <div class="cart-line__controls">
                  <button type="button" class="icon-button icon-button--quiet" aria-label={`${t('remove')}: ${item.name}`} onClick={() => props.onQuantity(line.key, 0)}>
                    <Icon name="close" size={18} />
                  </button>
                  <QuantityStepper
                    value={line.quantity}
                    min={1}
                    max={MAX_QUANTITY}
                    onChange={(q) => props.onQuantity(line.key, q)}
                    label={`${t('quantity')}: ${item.name}`}
                    describedBy={line.quantity >= MAX_QUANTITY ? `cart-limit-${index}` : undefined}
                  />
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Sheet>
  );
}
