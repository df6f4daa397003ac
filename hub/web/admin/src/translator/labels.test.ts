import { describe, expect, it } from 'vitest';
import type { PendingView } from '../../../common/translator/conversation-state.ts';
import { categoryLabel, conversationTitle, downloadButtonLabel, downloadProgressLabel, formatBytes, pendingLabel, sendErrorLabel } from './labels.ts';
import { conversationIdFromPath, translatorPath } from './paths.ts';

const pending = (overrides: Partial<PendingView>): PendingView => ({
  id: 'l1',
  speaker: 'guest',
  own: false,
  local: true,
  kind: 'speech',
  preview: null,
  phase: 'sending',
  position: 0,
  progress: 0,
  error: null,
  ...overrides,
});

describe('the staff translator page’s words', () => {
  it('says who is on their way and how far', () => {
    expect(pendingLabel(pending({}))).toBe('Guest: sending the recording…');
    expect(pendingLabel(pending({ phase: 'queued', position: 2 }))).toBe('Guest: waiting to be recognised (2 ahead)…');
    expect(pendingLabel(pending({ speaker: 'staff', own: true, phase: 'recognising', progress: 45 }))).toBe('You: recognising… 45%');
    expect(pendingLabel(pending({ speaker: 'staff', own: true, kind: 'text' }))).toBe('You: sending…');
  });

  it('shows the hub’s sentence, or what to check when no answer came', () => {
    expect(sendErrorLabel({ status: 422, code: 'silent_audio', message: 'No speech was heard.', retriable: false })).toBe('No speech was heard.');
    expect(sendErrorLabel({ status: 0, code: 'network', message: 'x', retriable: true })).toBe('No answer from the hub. Check the Wi-Fi, then try again.');
  });

  it('names conversations, categories, sizes and the download buttons and progress', () => {
    const base = { id: 'c', visitId: null, tableName: null, guestLanguage: 'de', staffLanguage: 'en', startedBy: 'staff' as const, createdAt: '', closedAt: null };
    expect(conversationTitle(base)).toBe('Front desk');
    expect(conversationTitle({ ...base, visitId: 'v', tableName: 'Table 7' })).toBe('Table 7');
    expect(categoryLabel('amenities')).toBe('Amenities');
    expect(formatBytes(147_951_465)).toBe('141 MB');
    expect(formatBytes(77_704_715)).toBe('74.1 MB');
    expect(formatBytes(1_533_763_059)).toBe('1.4 GB');
    expect(downloadButtonLabel({ name: 'base', sizeBytes: 147_951_465 })).toBe('Download the base model (141 MB)');
    expect(downloadProgressLabel({ receivedBytes: 12_582_912, totalBytes: 147_951_465 })).toBe('12.0 MB of 141 MB');
  });

  it('keeps the open conversation in the address', () => {
    expect(conversationIdFromPath('/admin/translator')).toBeNull();
    expect(conversationIdFromPath('/admin/translator/')).toBeNull();
    expect(conversationIdFromPath('/admin/translator/0197-abc')).toBe('0197-abc');
    expect(conversationIdFromPath('/admin/tables/0197-abc')).toBeNull();
    expect(conversationIdFromPath('/admin/translator/%E0%A4%A')).toBeNull();
    expect(translatorPath('a b')).toBe('/admin/translator/a%20b');
    expect(conversationIdFromPath(translatorPath('a b'))).toBe('a b');
    expect(translatorPath(null)).toBe('/admin/translator');
  });
});
