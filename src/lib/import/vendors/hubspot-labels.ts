// HubSpot column labels in English, as internal property names (the "internal values" export
// option), and translated into Spanish, French, German and Portuguese. Only `ID de registro`
// is seen in a real file; the other translations follow HubSpot's UI wording and are
// unverified guesses — the user can map a column by hand when one does not match.
// Association columns ("Associated Company IDs (Primary)") stay English in every language.

/** Labels per column key: [English, internal name, es, fr, de, pt, …]. */
export const HUBSPOT_LABELS = {
  recordId: [
    'Record ID',
    'hs_object_id',
    'ID de registro',
    "ID de fiche d'informations",
    'Datensatz-ID',
    'ID do registro',
    'Company ID',
    'Deal ID',
  ],
  companyName: [
    'Company name',
    'name',
    'Nombre de la empresa',
    "Nom de l'entreprise",
    'Name des Unternehmens',
    'Firmenname',
    'Nome da empresa',
  ],
  companyOwner: [
    'Company owner',
    'hubspot_owner_id',
    'Propietario de la empresa',
    "Propriétaire de l'entreprise",
    'Unternehmensinhaber',
    'Proprietário da empresa',
  ],
  domain: [
    'Company Domain Name',
    'domain',
    'Website URL',
    'website',
    'Nombre de dominio de la empresa',
    "Nom de domaine de l'entreprise",
    'Domainname des Unternehmens',
    'Nome de domínio da empresa',
  ],
  industry: ['Industry', 'industry', 'Sector', "Secteur d'activité", 'Branche', 'Setor'],
  country: [
    'Country/Region',
    'country',
    'País/región',
    'Pays/région',
    'Land/Region',
    'País/região',
  ],
  createDate: [
    'Create Date',
    'createdate',
    'Fecha de creación',
    'Date de création',
    'Erstellungsdatum',
    'Data de criação',
  ],
  lastActivity: [
    'Last Activity Date',
    'notes_last_updated',
    'Fecha de la última actividad',
    'Date de la dernière activité',
    'Datum der letzten Aktivität',
    'Data da última atividade',
  ],
  dealName: [
    'Deal Name',
    'dealname',
    'Nombre del negocio',
    'Nom de la transaction',
    'Name des Deals',
    'Nome do negócio',
  ],
  dealStage: [
    'Deal Stage',
    'dealstage',
    'Etapa del negocio',
    'Phase de la transaction',
    'Deal-Phase',
    'Fase do negócio',
  ],
  amount: ['Amount', 'amount', 'Importe', 'Monto', 'Montant', 'Betrag', 'Valor'],
  closeDate: [
    'Close Date',
    'closedate',
    'Fecha de cierre',
    'Date de fermeture',
    'Abschlussdatum',
    'Data de fechamento',
  ],
  dealOwner: [
    'Deal owner',
    'Deal Owner',
    'Propietario del negocio',
    'Propriétaire de la transaction',
    'Deal-Inhaber',
    'Proprietário do negócio',
  ],
  pipeline: ['Pipeline', 'pipeline'],
  dealType: [
    'Deal Type',
    'dealtype',
    'Tipo de negocio',
    'Type de transaction',
    'Deal-Typ',
    'Tipo de negócio',
  ],
  lostReason: [
    'Closed Lost Reason',
    'closed_lost_reason',
    'Motivo de pérdida',
    'Raison de la perte',
    'Grund für Verlust',
    'Motivo da perda',
  ],
  companyIds: [
    'Associated Company IDs (Primary)',
    'Associated Company IDs',
    'Associated Company ID',
    'associatedcompanyid',
  ],
  companyAssoc: ['Associated Company (Primary)', 'Associated Company'],
} as const satisfies Record<string, readonly string[]>;

// Deal types and stages as labels (any of the languages) or internal values (`closedwon`).
const RENEWAL = /renew|renova|renouvel|verlänger|erneuer/i;
const EXPANSION = /expan|upsell|up-sell|upgrade|cross-?sell|ampliaci|expansão|erweiter|extension/i;
const DOWNGRADE = /downgrade|contract(ion)?\b|reducci|réduction|herabstuf|redução/i;
const LOST = /closedlost|closed lost|\blost\b|perdid|perdu|verloren/i;
const WON = /closedwon|closed won|\bwon\b|ganad|gagn|gewonnen|ganho/i;

/** What a closed renewal/expansion/downgrade deal means for the account ('skip' otherwise). */
export function dealOutcome(
  type: string,
  stage: string,
): 'renewed' | 'churned' | 'expanded' | 'contracted' | 'skip' {
  const lost = LOST.test(stage);
  const won = !lost && WON.test(stage);
  if (!won && !lost) return 'skip';
  if (RENEWAL.test(type)) return won ? 'renewed' : 'churned';
  if (EXPANSION.test(type)) return won ? 'expanded' : 'skip';
  if (DOWNGRADE.test(type)) return won ? 'contracted' : 'skip';
  return 'skip';
}
