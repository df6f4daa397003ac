/**
 * Drag and drop for one list (HTML5), beside the move up/down buttons that do the same without a
 * mouse. Each list has its own hook, so dragging an item never drops into the list of categories.
 */
import { useRef, useState } from 'preact/hooks';

export interface SortableRow {
  draggable: boolean;
  onDragStart: (event: DragEvent) => void;
  onDragOver: (event: DragEvent) => void;
  onDrop: (event: DragEvent) => void;
  onDragEnd: (event: DragEvent) => void;
  'data-drop-target': boolean | undefined;
}

export function useSortable(onMove: (from: number, to: number) => void, enabled: boolean): (index: number) => SortableRow {
  const dragging = useRef<number | null>(null);
  const [over, setOver] = useState<number | null>(null);

  return (index) => ({
    draggable: enabled,
    onDragStart: (event) => {
      event.stopPropagation();
      dragging.current = index;
      event.dataTransfer?.setData('text/plain', String(index));
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
    },
    onDragOver: (event) => {
      if (dragging.current === null) return;
      event.preventDefault();
      event.stopPropagation();
      if (over !== index) setOver(index);
    },
    onDrop: (event) => {
      const from = dragging.current;
      if (from === null) return;
      event.preventDefault();
      event.stopPropagation();
      dragging.current = null;
      setOver(null);
      if (from !== index) onMove(from, index);
    },
    onDragEnd: () => {
      dragging.current = null;
      setOver(null);
    },
    'data-drop-target': over === index || undefined,
  });
}
