// Norwegian for the parts of Decap's interface its own nb_no locale leaves in English
// ("Add merknad", "Expand", the markdown toolbar, the media library's buttons). Decap falls
// back to English phrase by phrase, so these are merged into its nb_no, not put in place of it.
export const NB_NO = {
  auth: { loginWithAzure: 'Logg inn med Azure' },
  collection: {
    sidebar: { allCollections: 'Alle samlinger', searchIn: 'Søk i' },
    collectionTop: {
      viewAsList: 'Vis som liste',
      viewAsGrid: 'Vis som rutenett',
      searchResults: 'Søkeresultater for «%{searchTerm}»',
      searchResultsInCollection: 'Søkeresultater for «%{searchTerm}» i %{collection}',
      filterBy: 'Filtrer etter',
      groupBy: 'Grupper etter',
    },
    entries: { unpublishedHeader: 'Upubliserte oppføringer' },
    groups: { other: 'Annet', negateLabel: 'Ikke %{label}' },
  },
  editor: {
    editorControlPane: {
      widget: {
        invalidPath: '«%{path}» er ikke en gyldig sti',
        pathExists: 'Stien «%{path}» finnes allerede',
      },
      i18n: {
        writingInLocale: 'Skriver på %{locale}',
        copyFromLocale: 'Fyll inn fra et annet språk',
        copyFromLocaleConfirm:
          'Vil du fylle inn fra %{locale}?\nAlt som står i feltene nå, blir skrevet over.',
      },
    },
    editorInterface: {
      toggleI18n: 'Vis eller skjul språk',
      togglePreview: 'Vis eller skjul forhåndsvisning',
      toggleScrollSync: 'Rull sammen',
      toggleNotes: 'Vis eller skjul notater',
    },
    editorNotesPane: {
      title: 'Notater',
      emptyState: 'Ingen notater ennå.',
      addNote: 'Legg til notat',
      addPlaceholder: 'Skriv et notat …',
      editPlaceholder: 'Endre notatet …',
      save: 'Lagre',
      cancel: 'Avbryt',
      edit: 'Endre',
      delete: 'Slett',
      resolve: 'Merk som løst',
      unresolve: 'Merk som uløst',
      confirmDelete: 'Vil du slette notatet?',
      shortcut: 'Tips: Ctrl+Enter legger til notatet',
    },
    editorToolbar: {
      statusInfoTooltipDraft: 'Oppføringen er et utkast. Sett status til «Til vurdering» når den er klar.',
      statusInfoTooltipInReview: 'Oppføringen vurderes. Du kan fortsatt gjøre endringer.',
    },
    editorWidgets: {
      markdown: {
        bold: 'Fet',
        italic: 'Kursiv',
        strikethrough: 'Gjennomstreket',
        code: 'Kode',
        link: 'Lenke',
        linkPrompt: 'Skriv adressen lenken skal gå til',
        headings: 'Overskrifter',
        quote: 'Sitat',
        bulletedList: 'Punktliste',
        numberedList: 'Nummerert liste',
        addComponent: 'Sett inn',
        richText: 'Formatert tekst',
        markdown: 'Markdown',
        toggleMode: {
          rich: 'Bytt til formatert tekst',
          markdown: 'Bytt til markdown',
        },
      },
      image: {
        chooseMultiple: 'Velg bilder',
        chooseUrl: 'Sett inn fra nettadresse',
        replaceUrl: 'Bytt med nettadresse',
        promptUrl: 'Skriv nettadressen til bildet',
        addMore: 'Legg til flere bilder',
        removeAll: 'Fjern alle bildene',
      },
      file: {
        chooseUrl: 'Sett inn fra nettadresse',
        chooseMultiple: 'Velg filer',
        replaceUrl: 'Bytt med nettadresse',
        promptUrl: 'Skriv nettadressen til filen',
        addMore: 'Legg til flere filer',
        removeAll: 'Fjern alle filene',
      },
      datetime: { setToNow: 'Sett %{fieldLabel} til nå' },
      list: { add: 'Legg til %{item}', addType: 'Legg til %{item}' },
      object: { expand: 'Vis', collapse: 'Skjul' },
    },
  },
  mediaLibrary: {
    mediaLibraryCard: {
      copy: 'Kopier',
      copyUrl: 'Kopier nettadressen',
      copyPath: 'Kopier stien',
      copyName: 'Kopier navnet',
      copied: 'Kopiert',
    },
    mediaLibraryModal: { close: 'Lukk' },
  },
  ui: {
    settingsDropdown: { account: 'Kontovalg' },
    toast: {
      noteAdded: 'Notatet er lagt til',
      onFailToAddNote: 'Kunne ikke legge til notatet: %{details}',
      noteUpdated: 'Notatet er endret',
      onFailToUpdateNote: 'Kunne ikke endre notatet: %{details}',
      noteDeleted: 'Notatet er slettet',
      onFailToDeleteNote: 'Kunne ikke slette notatet: %{details}',
      noteResolved: 'Notatet er merket som løst',
      noteReopened: 'Notatet er åpnet igjen',
      onFailToToggleNote: 'Kunne ikke endre notatet: %{details}',
      onLoggedOut: 'Du er logget ut. Ta vare på det du har skrevet, og logg inn igjen.',
      onBackendDown: 'Lagringstjenesten er nede. Se %{details}.',
    },
  },
};

// `target` with every phrase of `extra` added, nested objects merged (Decap keeps its own
// Norwegian phrases; these fill the holes).
export function mergePhrases(target, extra) {
  const out = { ...target };
  for (const [key, value] of Object.entries(extra)) {
    out[key] =
      value && typeof value === 'object' ? mergePhrases(out[key] || {}, value) : value;
  }
  return out;
}
