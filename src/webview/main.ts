// Chat webview entry (filled in by the webview).
