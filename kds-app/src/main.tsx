import { render } from 'preact';
import { App } from './app.tsx';
import { unlockAudioOnInteraction } from './beep.ts';
import './styles.css';

unlockAudioOnInteraction();
render(<App />, document.getElementById('app')!);
