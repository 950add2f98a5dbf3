/** The page's stylesheet: three platform columns, each in its platform's colours. */
export const STYLES = String.raw`
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Color Emoji", sans-serif; color: #1d1c1d; background: #eef0f3; display: flex; flex-direction: column; }
header.top { display: flex; align-items: center; gap: 16px; padding: 10px 18px; background: #fff; border-bottom: 1px solid #d9dce1; }
header.top h1 { font-size: 18px; margin: 0; white-space: nowrap; }
header.top p { margin: 0; color: #555; font-size: 13px; flex: 1; }
.status { font-size: 12px; padding: 3px 10px; border-radius: 12px; white-space: nowrap; }
.status.ok { background: #e3f6e8; color: #17652f; }
.status.bad { background: #fde8e8; color: #9b1c1c; }
main { flex: 1; display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 12px; padding: 12px; min-height: 0; }
.pane { display: flex; flex-direction: column; min-height: 0; border-radius: 10px; overflow: hidden; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
.pane-head { padding: 10px 14px; color: #fff; display: flex; align-items: baseline; gap: 10px; }
.pane-head h2 { margin: 0; font-size: 16px; }
.pane-head .role { font-size: 12px; opacity: .85; }
.pane-body, .pane-body > div { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.pane-tools { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 8px 12px; border-bottom: 1px solid #e3e5e8; font-size: 13px; }
.pane-tools select { font: inherit; padding: 2px 4px; }
.pane-scroll { flex: 1; overflow-y: auto; padding: 8px 10px 16px; }
.pane-footer { border-top: 1px solid #e3e5e8; padding: 8px 10px; }
.empty { color: #777; text-align: center; padding: 32px 12px; }
.channel-name { font-weight: 600; }
.tabs { display: flex; gap: 4px; padding: 6px 8px; border-bottom: 1px solid #e3e5e8; flex-wrap: wrap; }
.tab { border: 0; background: transparent; border-radius: 6px; padding: 4px 8px; cursor: pointer; font: inherit; text-align: left; display: flex; flex-direction: column; line-height: 1.2; }
.tab .route { font-size: 11px; color: #777; }
.tab:hover { background: #eef0f3; }
.tab.active { background: #dfe2f9; }
.message { position: relative; display: flex; gap: 10px; padding: 6px 6px; border-radius: 6px; }
.message:hover { background: #f6f7f8; }
.message-main { flex: 1; min-width: 0; }
.message-head { display: flex; align-items: baseline; gap: 6px; flex-wrap: wrap; }
.author { font-weight: 700; }
.time, .edited { color: #888; font-size: 11px; }
.badge { font-size: 10px; font-weight: 700; padding: 0 5px; border-radius: 3px; background: #e8e8e8; color: #555; text-transform: none; }
.badge.app { background: #5865f2; color: #fff; }
.slack .badge.app { background: #e8e8e8; color: #616061; }
.teams .badge.app { background: #e8e9f8; color: #464775; }
.badge.internal { background: #fff1c2; color: #7a5600; }
.message.internal { background: #fffaea; border-left: 3px solid #e8b400; }
.note { font-size: 12px; color: #7a5600; margin-top: 2px; }
.avatar { width: 32px; height: 32px; border-radius: 50%; color: #fff; font-weight: 700; font-size: 13px; display: flex; align-items: center; justify-content: center; flex: none; }
.avatar.bot { background: #2f3136; border-radius: 8px; }
.slack .avatar { border-radius: 6px; }
.text { overflow-wrap: anywhere; }
.text pre, .ac-code { background: #f4f4f4; border: 1px solid #e1e1e1; border-radius: 4px; padding: 6px 8px; white-space: pre-wrap; margin: 4px 0; font-size: 12px; }
.text code { background: #f0f0f0; border-radius: 3px; padding: 0 3px; font-size: 12px; }
.text blockquote { border-left: 3px solid #ccc; margin: 2px 0; padding-left: 8px; color: #555; }
.text p { margin: 0 0 4px; }
.mention { background: #e8f0fe; color: #1264a3; border-radius: 3px; padding: 0 2px; }
.attachment { font-size: 12px; color: #555; }
.deleted { color: #888; font-style: italic; }
.tools { position: absolute; right: 6px; top: -10px; display: none; gap: 2px; background: #fff; border: 1px solid #d9dce1; border-radius: 6px; padding: 2px; box-shadow: 0 1px 2px rgba(0,0,0,.1); }
.message:hover .tools, .message:focus-within .tools { display: flex; }
.tools button { border: 0; background: transparent; cursor: pointer; font-size: 12px; padding: 2px 5px; border-radius: 4px; }
.tools button:hover { background: #eef0f3; }
.reactions { display: flex; gap: 4px; flex-wrap: wrap; margin-top: 3px; }
.reaction { border: 1px solid #d9dce1; background: #f6f7f8; border-radius: 10px; font-size: 12px; padding: 0 7px; cursor: pointer; }
.reaction.mine { border-color: #5865f2; background: #eef0ff; }
.thread { margin: 2px 0 10px 42px; padding: 4px 0 4px 10px; border-left: 2px solid #e3e5e8; }
.thread-title { font-size: 12px; color: #555; font-weight: 600; display: flex; gap: 8px; padding: 2px 6px; }
.thread-title .count { font-weight: 400; color: #888; }
.post, .card-post, .forum-post { margin-bottom: 6px; }
.forum-post { border: 1px solid #e3e5e8; border-radius: 8px; padding: 6px; }
.forum-title { font-weight: 700; font-size: 15px; padding: 2px 6px; }
.composer { margin-top: 4px; display: flex; flex-direction: column; gap: 4px; }
.composer-row { display: flex; gap: 6px; }
.composer textarea, .title-input, .edit-box { flex: 1; font: inherit; border: 1px solid #cfd3d8; border-radius: 6px; padding: 6px 8px; resize: vertical; min-height: 34px; }
.composer textarea:focus, .title-input:focus, .edit-box:focus { outline: 2px solid #8aa2ff; border-color: transparent; }
.edit-box { width: 100%; }
.edit-actions { display: flex; gap: 6px; margin-top: 3px; }
button.send, .edit-actions button, a.button, .block-actions button, .ac-actions button { font: inherit; font-size: 13px; border: 0; border-radius: 6px; padding: 5px 12px; cursor: pointer; color: #fff; text-decoration: none; display: inline-block; }
button.send:disabled { opacity: .5; }
.block-header { font-weight: 800; font-size: 16px; margin: 2px 0; }
.block-context { color: #616061; font-size: 12px; margin: 2px 0; display: flex; gap: 6px; flex-wrap: wrap; }
.block-section { margin: 4px 0; }
.block-actions, .ac-actions { margin: 6px 0 2px; display: flex; gap: 6px; }
.blocks { border-left: 4px solid #e0e0e0; padding-left: 10px; }
.adaptive-card { border: 1px solid #e1dfdd; border-radius: 6px; padding: 10px 12px; margin-top: 3px; background: #fff; }
.ac-text { margin: 2px 0; }
.ac-text.bold { font-weight: 700; }
.ac-text.size-medium { font-size: 16px; }
.ac-text.size-large { font-size: 18px; }
.ac-text.color-good { color: #237b4b; }
.ac-text.color-attention { color: #c4314b; }
.ac-text.color-warning { color: #835c00; }
.ac-text.color-accent { color: #6264a7; }
.ac-facts { border-collapse: collapse; margin: 4px 0; font-size: 13px; }
.ac-facts th { text-align: left; padding: 1px 12px 1px 0; font-weight: 600; color: #555; }
.ac-columns { display: flex; gap: 8px; }
.discord .pane-head, .head-discord { background: #5865f2; }
.head-slack { background: #4a154b; }
.head-teams { background: #6264a7; }
.discord button.send, .discord .edit-actions button { background: #5865f2; }
.slack button.send, .slack .edit-actions button, .slack a.button { background: #007a5a; }
.teams button.send, .teams .edit-actions button, .teams a.button { background: #6264a7; }
.edit-actions button:last-child { background: #8a8d91; }
.message.relayed .author { color: #2f3136; }
.flash { animation: flash 1.6s ease-out; }
@keyframes flash { from { background: #fff3b0; } to { background: transparent; } }
#toasts { position: fixed; bottom: 16px; left: 50%; transform: translateX(-50%); display: flex; flex-direction: column; gap: 6px; z-index: 10; }
.toast { background: #9b1c1c; color: #fff; padding: 8px 14px; border-radius: 6px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
@media (max-width: 1000px) { main { grid-template-columns: 1fr; } .pane { min-height: 480px; } }
`;
