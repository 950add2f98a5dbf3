// The identity texts in every language (kept apart so each capability edits its own file); en.ts,
// fi.ts and sk.ts spread them into their catalogues. Every language has exactly English's keys.

const en = {
  'command.link.description': 'Link your accounts on Discord, Slack and Teams into one',
  'command.unlink.description': 'Undo the link of this account to your other accounts',
  'option.linkCode.description': 'The code you got from `link` on your other account',
  'reply.link.code': 'Your link code: **{{code}}** (works for {{minutes}} minutes, once). On your other account run `link {{code}}` with Heimo: `/heimo link {{code}}` on Discord and Slack, `@Heimo link {{code}}` in Teams.',
  'reply.link.linked': 'Linked: your accounts ({{platforms}}) are now one person. Your credit and history follow you; `unlink` undoes it.',
  'reply.link.refused.unknown': 'Heimo does not know that code. Check it, or run `link` on your other account for a new one.',
  'reply.link.refused.used': 'That code was used already. Run `link` on your other account for a new one.',
  'reply.link.refused.expired': 'That code has expired. Run `link` on your other account for a new one.',
  'reply.link.refused.own': 'That code is this account\'s own: run `link {{code}}` from your other account instead.',
  'reply.unlink.done': 'Unlinked: this {{platform}} account stands on its own again.',
  'reply.unlink.notLinked': 'This account is not linked to another.',
} as const;

/** The identity texts, by language. */
export const identityTexts: { en: typeof en; fi: Record<keyof typeof en, string>; sk: Record<keyof typeof en, string> } = {
  en,
  fi: {
    'command.link.description': 'Yhdistä Discord-, Slack- ja Teams-tilisi yhdeksi',
    'command.unlink.description': 'Pura tämän tilin yhdistäminen muihin tileihisi',
    'option.linkCode.description': 'Koodi, jonka sait `link`-komennolla toiselta tililtäsi',
    'reply.link.code': 'Yhdistämiskoodisi: **{{code}}** (toimii {{minutes}} minuuttia, kerran). Suorita toisella tililläsi Heimolle `link {{code}}`: Discordissa ja Slackissa `/heimo link {{code}}`, Teamsissa `@Heimo link {{code}}`.',
    'reply.link.linked': 'Yhdistetty: tilisi ({{platforms}}) ovat nyt yksi henkilö. Pisteesi ja historiasi seuraavat sinua; `unlink` purkaa yhdistämisen.',
    'reply.link.refused.unknown': 'Heimo ei tunne tätä koodia. Tarkista se tai hae uusi koodi `link`-komennolla toiselta tililtäsi.',
    'reply.link.refused.used': 'Tämä koodi on jo käytetty. Hae uusi koodi `link`-komennolla toiselta tililtäsi.',
    'reply.link.refused.expired': 'Tämä koodi on vanhentunut. Hae uusi koodi `link`-komennolla toiselta tililtäsi.',
    'reply.link.refused.own': 'Tämä koodi on tämän tilin oma: suorita `link {{code}}` toiselta tililtäsi.',
    'reply.unlink.done': 'Yhdistäminen purettu: tämä {{platform}}-tili on taas oma henkilönsä.',
    'reply.unlink.notLinked': 'Tätä tiliä ei ole yhdistetty toiseen.',
  },
  sk: {
    'command.link.description': 'Prepojte svoje účty na Discorde, Slacku a Teams do jedného',
    'command.unlink.description': 'Zrušte prepojenie tohto účtu s vašimi ďalšími účtami',
    'option.linkCode.description': 'Kód, ktorý ste dostali príkazom `link` na druhom účte',
    'reply.link.code': 'Váš kód na prepojenie: **{{code}}** (platí {{minutes}} minút, jedenkrát). Na druhom účte zadajte Heimovi `link {{code}}`: na Discorde a v Slacku `/heimo link {{code}}`, v Teams `@Heimo link {{code}}`.',
    'reply.link.linked': 'Prepojené: vaše účty ({{platforms}}) sú teraz jedna osoba. Vaše body a história idú s vami; `unlink` prepojenie zruší.',
    'reply.link.refused.unknown': 'Heimo tento kód nepozná. Skontrolujte ho alebo si na druhom účte vyžiadajte nový príkazom `link`.',
    'reply.link.refused.used': 'Tento kód už bol použitý. Na druhom účte si vyžiadajte nový príkazom `link`.',
    'reply.link.refused.expired': 'Platnosť tohto kódu vypršala. Na druhom účte si vyžiadajte nový príkazom `link`.',
    'reply.link.refused.own': 'Tento kód patrí tomuto účtu: zadajte `link {{code}}` na svojom druhom účte.',
    'reply.unlink.done': 'Prepojenie zrušené: tento účet {{platform}} je opäť samostatný.',
    'reply.unlink.notLinked': 'Tento účet nie je prepojený s iným.',
  },
};
