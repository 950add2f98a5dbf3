import * as f from './core/format/index.ts';
const inputs = { q: '> '.repeat(20_000) + 'x', l: '- '.repeat(5_000) + 'x', b: '<b>'.repeat(20_000) + 'x', g: '&gt;'.repeat(20_000) };
for (const [name, input] of Object.entries(inputs)) {
  for (const [fn, conv] of Object.entries({ d2c: f.discordToCanonical, c2d: f.canonicalToDiscord, s2c: f.slackToCanonical, c2s: f.canonicalToSlack, t2c: f.teamsToCanonical, c2t: f.canonicalToTeams })) {
    const t = performance.now(); conv(input); const ms = performance.now() - t; if (ms > 100) console.log(name, fn, ms.toFixed(0), 'ms');
  }
}
