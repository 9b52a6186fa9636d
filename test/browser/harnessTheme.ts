/**
 * The theme variables VS Code injects into every webview, for the harness page: a dark theme and a
 * high-contrast one (where --vscode-contrastBorder is set), so screenshots resemble the real panel.
 */

const shared = `
  --vscode-font-family: system-ui, -apple-system, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif;
  --vscode-font-size: 13px;
  --vscode-font-weight: normal;
  --vscode-editor-font-family: "Droid Sans Mono", "monospace", monospace;
  --vscode-editor-font-size: 13px;
  --vscode-editorWarning-foreground: #cca700;
  --vscode-editorError-foreground: #f14c4c;
  --vscode-editorHoverWidget-background: #202020;
  --vscode-editorHoverWidget-border: #454545;
`;

export const harnessThemeCss = `:root {${shared}
  --vscode-foreground: #cccccc;
  --vscode-descriptionForeground: #9d9d9d;
  --vscode-errorForeground: #f85149;
  --vscode-focusBorder: #0078d4;
  --vscode-widget-border: #313131;
  --vscode-widget-shadow: rgba(0, 0, 0, 0.36);
  --vscode-panel-border: #2b2b2b;
  --vscode-sideBar-background: #181818;
  --vscode-editorWidget-background: #202020;
  --vscode-button-background: #0078d4;
  --vscode-button-foreground: #ffffff;
  --vscode-button-hoverBackground: #026ec1;
  --vscode-button-secondaryBackground: #313131;
  --vscode-button-secondaryForeground: #cccccc;
  --vscode-button-secondaryHoverBackground: #3c3c3c;
  --vscode-toolbar-hoverBackground: rgba(90, 93, 94, 0.31);
  --vscode-toolbar-activeBackground: rgba(99, 102, 103, 0.31);
  --vscode-list-hoverBackground: #2a2d2e;
  --vscode-list-focusBackground: #04395e;
  --vscode-list-focusOutline: #0078d4;
  --vscode-list-inactiveSelectionBackground: #37373d;
  --vscode-editor-foreground: #cccccc;
  --vscode-editor-findMatchHighlightBackground: rgba(234, 92, 0, 0.33);
  --vscode-input-background: #313131;
  --vscode-input-foreground: #cccccc;
  --vscode-input-border: #3c3c3c;
  --vscode-input-placeholderForeground: #989898;
  --vscode-dropdown-background: #313131;
  --vscode-dropdown-foreground: #cccccc;
  --vscode-dropdown-border: #3c3c3c;
  --vscode-badge-background: #616161;
  --vscode-badge-foreground: #f8f8f8;
  --vscode-textLink-foreground: #4daafc;
  --vscode-textLink-activeForeground: #4daafc;
  --vscode-textCodeBlock-background: rgba(10, 10, 10, 0.4);
  --vscode-textPreformat-foreground: #d0d0d0;
  --vscode-textPreformat-background: #3c3c3c;
  --vscode-textBlockQuote-background: #2b2b2b;
  --vscode-textBlockQuote-border: #616161;
  --vscode-inputValidation-errorBackground: #5a1d1d;
  --vscode-inputValidation-errorBorder: #be1100;
  --vscode-inputValidation-warningBackground: #352a05;
  --vscode-inputValidation-warningBorder: #b89500;
  --vscode-inputValidation-infoBorder: #007acc;
  --vscode-symbolIcon-keywordForeground: #569cd6;
  --vscode-symbolIcon-functionForeground: #dcdcaa;
  --vscode-symbolIcon-classForeground: #4ec9b0;
  --vscode-debugTokenExpression-name: #9cdcfe;
  --vscode-debugTokenExpression-string: #ce9178;
  --vscode-debugTokenExpression-number: #b5cea8;
  --vscode-debugTokenExpression-error: #f48771;
}
html { background: #181818; }
`;

export const highContrastThemeCss = `:root {${shared}
  --vscode-foreground: #ffffff;
  --vscode-descriptionForeground: rgba(255, 255, 255, 0.7);
  --vscode-focusBorder: #f38518;
  --vscode-contrastBorder: #6fc3df;
  --vscode-contrastActiveBorder: #f38518;
  --vscode-editorWidget-background: #0c141f;
  --vscode-button-background: #000000;
  --vscode-button-foreground: #ffffff;
  --vscode-button-border: #6fc3df;
  --vscode-button-secondaryBackground: #000000;
  --vscode-button-secondaryForeground: #ffffff;
  --vscode-input-background: #000000;
  --vscode-input-foreground: #ffffff;
  --vscode-input-border: #6fc3df;
  --vscode-dropdown-background: #000000;
  --vscode-dropdown-foreground: #ffffff;
  --vscode-dropdown-border: #6fc3df;
  --vscode-badge-background: #000000;
  --vscode-badge-foreground: #ffffff;
  --vscode-textLink-foreground: #21a6ff;
  --vscode-textLink-activeForeground: #21a6ff;
  --vscode-textCodeBlock-background: #000000;
  --vscode-textPreformat-foreground: #ffd700;
  --vscode-textBlockQuote-border: #ffffff;
  --vscode-inputValidation-errorBackground: #000000;
  --vscode-inputValidation-errorBorder: #f48771;
  --vscode-inputValidation-warningBackground: #000000;
  --vscode-inputValidation-warningBorder: #ffd700;
  --vscode-symbolIcon-keywordForeground: #569cd6;
  --vscode-symbolIcon-functionForeground: #dcdcaa;
  --vscode-symbolIcon-classForeground: #4ec9b0;
  --vscode-debugTokenExpression-name: #9cdcfe;
  --vscode-debugTokenExpression-string: #ce9178;
  --vscode-debugTokenExpression-number: #b5cea8;
  --vscode-debugTokenExpression-error: #f48771;
}
html { background: #000000; }
`;
