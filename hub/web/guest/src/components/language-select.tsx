import { DICTIONARIES, LANGUAGES } from '../i18n/index.ts';
import { useLocale } from '../locale-context.ts';

export function LanguageSelect({ onChange }: { onChange: (language: string) => void }) {
  const { language, t } = useLocale();
  return (
    <label class="lang">
      <span class="visually-hidden">{t('language')}</span>
      <select value={language} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {DICTIONARIES[code]?.languageName ?? code}
          </option>
        ))}
      </select>
    </label>
  );
}
