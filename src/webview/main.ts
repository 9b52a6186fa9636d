import './styles/base.css';
import './styles/conversation.css';
import './styles/markdown.css';
import './styles/parts.css';
import './styles/history.css';
import './styles/composer.css';
import './styles/images.css';
import './styles/confidence.css';
import './styles/fanout.css';
import { setWebviewLocale } from '../core/l10n/webviewMessages';
import { ChatApp } from './chatApp';
import { VsCodeBridge } from './vscodeBridge';

// Chat webview entry: build the panel, then tell the host it may start posting.
// The host writes VS Code's display language into <html lang>; the catalogue is chosen before anything is built.
setWebviewLocale(document.documentElement.lang);
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
new ChatApp(root, new VsCodeBridge()).start();
