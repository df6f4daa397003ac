/** A new dish: name, price, station and category are enough; the rest is in its editor. */
import { useState } from 'preact/hooks';
import { describeError } from '../../api.ts';
import { parseMajor } from '../../format.ts';
import { notify } from '../../toasts.tsx';
import type { MenuItem } from '../../types.ts';
import type { EditorEnv } from './item-editor.tsx';
import { ChoiceField } from './choice-field.tsx';
import { menuApi } from './menu-api.ts';

export function AddItemForm(props: { categoryId: string; currency: string; env: EditorEnv; onAdded: (item: MenuItem) => void; onCancel: () => void }) {
  const { env, currency } = props;
  const [name, setName] = useState('');
  const [price, setPrice] = useState('');
  const [station, setStation] = useState(env.stations[0]?.id ?? '');
  const [categoryId, setCategoryId] = useState(props.categoryId);
  const [state, setState] = useState<{ kind: 'idle' | 'saving' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const priceMinor = parseMajor(price, currency);
  const ready = name.trim() !== '' && priceMinor !== null && station !== '' && state.kind !== 'saving';

  const add = async () => {
    if (!ready || priceMinor === null) return;
    setState({ kind: 'saving' });
    try {
      const item = await menuApi.addItem({ categoryId, name: name.trim(), priceMinor, station });
      notify(`${item.name} is on the menu`);
      props.onAdded(item);
    } catch (error) {
      setState({ kind: 'error', message: describeError(error) });
    }
  };

  return (
    <form
      class="add-item"
      aria-label="Add an item"
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <label class="field">
        Name (English)
        <input type="text" name="new-item-name" maxLength={120} required value={name} onInput={(event) => setName(event.currentTarget.value)} />
      </label>
      <label class="field field-price">
        Price ({currency})
        <input type="text" inputMode="decimal" name="new-item-price" placeholder="12.50" value={price} onInput={(event) => setPrice(event.currentTarget.value)} />
      </label>
      <ChoiceField label="Station" name="new-item-station" value={station} choices={env.stations} onChange={setStation} />
      <ChoiceField label="Category" name="new-item-category" value={categoryId} choices={env.categories} onChange={setCategoryId} />
      <div class="panel-actions">
        <button type="submit" class="btn btn-primary" disabled={!ready}>
          {state.kind === 'saving' ? 'Adding…' : 'Add item'}
        </button>
        <button type="button" class="btn btn-quiet" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      {price !== '' && priceMinor === null && <small class="form-error">Write a price like 12.50</small>}
      {state.kind === 'error' && (
        <p class="form-error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
