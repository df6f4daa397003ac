/**
 * "Take a photo of your ID": the phone's camera (or a file), a preview, and the upload at once, so the
 * form's send button only waits for the form. A photo the hub would not take as it is (HEIC, or far
 * larger than it keeps) is redrawn as a JPEG on the phone first.
 */
import { useEffect, useState } from 'preact/hooks';
import type { GuestStay } from '@onemoment/shared/schemas/hotel';
import { CheckInError, type CheckInApi } from './checkin-api.ts';
import { needsRedraw, PHOTO_SEND_MAX_WIDTH } from './form-rules.ts';
import { t } from './strings.ts';

type PhotoState = { kind: 'none' } | { kind: 'sending'; preview: string } | { kind: 'saved'; preview: string } | { kind: 'failed'; preview: string | null; message: string };

async function sendable(file: File): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new CheckInError(415, 'not_an_image', t('errorPhotoType'));
  }
  try {
    if (!needsRedraw(file.type, file.size, bitmap.width)) return file;
    const scale = Math.min(1, PHOTO_SEND_MAX_WIDTH / bitmap.width);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new CheckInError(415, 'not_an_image', t('errorPhotoType')))), 'image/jpeg', 0.85),
    );
  } finally {
    bitmap.close();
  }
}

export function PhotoField({ api, token, onSaved, hadPhoto }: { api: CheckInApi; token: string; onSaved: (stay: GuestStay) => void; hadPhoto: boolean }) {
  const [state, setState] = useState<PhotoState>({ kind: 'none' });
  const preview = state.kind === 'none' ? null : state.preview;
  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview);
  }, [preview]);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    setState({ kind: 'sending', preview: url });
    try {
      onSaved(await api.idPhoto(token, await sendable(file)));
      setState({ kind: 'saved', preview: url });
    } catch (error) {
      setState({ kind: 'failed', preview: url, message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div class="field">
      <span class="field__label">{t('idPhoto')}</span>
      <span class="field__hint">{t('idPhotoHint')}</span>
      {preview && <img class="photo-preview" src={preview} alt={t('idPhotoPreview')} data-testid="id-photo-preview" />}
      <label class="photo-button">
        {state.kind === 'none' && !hadPhoto ? t('idPhoto') : t('idPhotoRetake')}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          data-testid="id-photo-input"
          onChange={(event) => {
            const input = event.currentTarget;
            void choose(input.files?.[0]);
            input.value = '';
          }}
        />
      </label>
      {state.kind === 'sending' && <p class="status">{t('idPhotoUploading')}</p>}
      {(state.kind === 'saved' || (state.kind === 'none' && hadPhoto)) && (
        <p class="status status--ok" data-testid="id-photo-saved">
          {t('idPhotoSaved')}
        </p>
      )}
      {state.kind === 'failed' && (
        <p class="error" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
