import './styles/base.css';
import './styles/conversation.css';
import './styles/markdown.css';
import './styles/parts.css';
import './styles/history.css';
import './styles/composer.css';
import './styles/confidence.css';
import { ChatApp } from './chatApp';
import { VsCodeBridge } from './vscodeBridge';

// Chat webview entry: build the panel, then tell the host it may start posting.
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
new ChatApp(root, new VsCodeBridge()).start();
