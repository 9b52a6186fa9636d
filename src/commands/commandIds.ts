/** Every command Threadline contributes; the ids match package.json `contributes.commands`. */
export const enum CommandId {
  SetApiKey = 'threadline.setApiKey',
  ClearApiKey = 'threadline.clearApiKey',
  Ask = 'threadline.ask',
  NewConversation = 'threadline.newConversation',
  StopGeneration = 'threadline.stopGeneration',
  Regenerate = 'threadline.regenerate',
  ExportConversation = 'threadline.exportConversation',
  SwitchPersona = 'threadline.switchPersona',
  ShowLog = 'threadline.showLog',
  ExplainSelection = 'threadline.explainSelection',
  SummarizeSelection = 'threadline.summarizeSelection',
  ExtractJson = 'threadline.extractJson',
  CompactConversation = 'threadline.compactConversation',
  OpenConversation = 'threadline.openConversation',
  SearchConversations = 'threadline.searchConversations',
  DeleteStoredResponses = 'threadline.deleteStoredResponses',
}
