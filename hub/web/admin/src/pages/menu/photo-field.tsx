/** An item's photo: choose a file, see it at once, and the hub keeps a resized copy. */
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../../api.ts';
import type { MenuItem } from '../../types.ts';
import { menuApi } from './menu-api.ts';

export function PhotoField(props: { item: MenuItem; onSaved: (item: MenuItem) => void }) {
  const { item } = props;
  const [preview, setPreview] = useState<string | null>(null);
  const [state, setState] = useState<{ kind: 'idle' | 'uploading' } | { kind: 'error'; message: string }>({ kind: 'idle' });

  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview);
  }, [preview]);

  const upload = async (file: File) => {
    setPreview(URL.createObjectURL(file));
    setState({ kind: 'uploading' });
    try {
      props.onSaved(await menuApi.uploadPhoto(item.id, file));
      setPreview(null);
      setState({ kind: 'idle' });
    } catch (error) {
      setPreview(null);
      setState({ kind: 'error', message: describeError(error) });
    }
  };

  const remove = async () => {
    setState({ kind: 'uploading' });
    try {
      props.onSaved(await menuApi.removePhoto(item.id));
      setState({ kind: 'idle' });
    } catch (error) {
      setState({ kind: 'error', message: describeError(error) });
    }
  };

  const shown = preview ?? item.thumbnailUrl ?? null;
  return (
    <fieldset class="photo-field">
      <legend>Photo</legend>
      <div class="photo-row">
        {shown ? <img class="photo-preview" src={shown} alt={`Photo of ${item.name}`} data-testid="photo-preview" /> : <span class="photo-empty muted">No photo</span>}
        <div class="photo-actions">
          <label class="btn btn-small">
            {item.photoUrl ? 'Replace photo' : 'Add photo'}
            <input
              type="file"
              name="photo"
              class="visually-hidden"
              accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
              disabled={state.kind === 'uploading'}
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                event.currentTarget.value = '';
                if (file) void upload(file);
              }}
            />
          </label>
          {item.photoUrl && (
            <button type="button" class="btn btn-small btn-danger-quiet" disabled={state.kind === 'uploading'} onClick={() => void remove()}>
              Remove photo
            </button>
          )}
          {state.kind === 'uploading' && <span class="muted">Saving…</span>}
        </div>
      </div>
      {state.kind === 'error' && (
        <p class="form-error" role="alert">
          {state.message}
        </p>
      )}
    </fieldset>
  );
}
