import { render } from 'preact';
import { App } from './app.tsx';
import { registerOfflineWorker } from './offline/register.ts';
import './styles.css';

render(<App />, document.getElementById('app')!);
registerOfflineWorker();
