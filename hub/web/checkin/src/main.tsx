import { render } from 'preact';
import { App } from './app.tsx';
import { useLanguage } from './strings.ts';
import './styles.css';

useLanguage('en');
render(<App />, document.getElementById('app')!);
