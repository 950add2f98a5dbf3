import { describe, expect, it } from 'vitest';
import { buildSlackManifest } from '../../../bots/slack/app-manifest.ts';
import { commandOfId } from '../../../bots/slack/command-input.ts';
import { COMMANDS, createCommandRegistry } from '../../../core/commands/index.ts';

describe('slack manifest commands', () => {
  it('should offer message shortcuts that each run a question command when the manifest is built', () => {
    const { shortcuts } = buildSlackManifest({ socketMode: false, publicUrl: 'https://heimo.example.com' }).features;
    const registry = createCommandRegistry(COMMANDS);

    // Slack allows five message shortcuts per app.
    expect(shortcuts.length).toBeLessThanOrEqual(5);
    for (const shortcut of shortcuts) {
      const definition = registry.get(commandOfId(shortcut.callback_id, COMMANDS) ?? '');
      expect(definition?.scope, shortcut.callback_id).toBe('question');
      expect(shortcut.type).toBe('message');
      expect(shortcut.description.length).toBeLessThanOrEqual(150);
    }
    expect(shortcuts.map((shortcut) => shortcut.callback_id)).toContain('heimo_mark_solution');
  });

  it('should give the slash command no url when Slack reaches Heimo over Socket Mode', () => {
    const manifest = buildSlackManifest({ socketMode: true });

    expect(manifest.features.slash_commands).toEqual([expect.objectContaining({ command: '/heimo', should_escape: true })]);
    expect(manifest.features.slash_commands[0]).not.toHaveProperty('url');
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'im:write', 'usergroups:read', 'users:read']));
  });
});
