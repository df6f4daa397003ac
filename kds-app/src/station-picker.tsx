/**
 * Which screen this is: one kitchen station, or Expo (every station, to check orders go out whole).
 * A screen with only a bump bar picks by digit.
 */
import { useEffect } from 'preact/hooks';
import { EXPO, type Station } from './types.ts';

interface StationPickerProps {
  stations: Station[];
  staffName: string;
  onPick: (station: string) => void;
  onLogout: () => void;
}

export function StationPicker({ stations, staffName, onPick, onLogout }: StationPickerProps) {
  const choices = [...stations.map((station) => station.id), EXPO];

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || !/^[1-9]$/.test(event.key)) return;
      const choice = choices[Number(event.key) - 1];
      if (!choice) return;
      event.preventDefault();
      onPick(choice);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <main class="picker">
      <header class="picker-header">
        <h1>Which station is this screen?</h1>
        <div class="picker-who">
          <span>Signed in as {staffName}</span>
          <button type="button" class="btn" onClick={onLogout}>
            Log out
          </button>
        </div>
      </header>
      <div class="picker-grid">
        {stations.map((station, index) => (
          <button key={station.id} type="button" class="station-choice" data-station={station.id} onClick={() => onPick(station.id)}>
            <kbd class="station-choice-key">{index + 1}</kbd>
            <span class="station-choice-name">{station.name}</span>
            <span class="station-choice-targets">
              warn {station.warnMinutes} min · late {station.lateMinutes} min
            </span>
          </button>
        ))}
        <button type="button" class="station-choice station-choice-expo" data-station={EXPO} onClick={() => onPick(EXPO)}>
          <kbd class="station-choice-key">{stations.length + 1}</kbd>
          <span class="station-choice-name">Expo</span>
          <span class="station-choice-targets">all stations</span>
        </button>
      </div>
    </main>
  );
}
