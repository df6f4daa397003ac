import { render } from 'preact';
import { App } from './app.tsx';
import '../../common/base.css';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
