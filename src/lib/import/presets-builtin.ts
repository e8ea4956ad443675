// Presets shipped with Canary: the RavenStack tables and the IBM Telco churn file
// (copied into tests/datasets), so both load without a mapping step; and Canary's own score
// CSV, so scores computed in a warehouse come back in.
import { createMapping, type ColumnRole } from './mapping';
import { createPreset, type MappingPreset } from './presets';

const ignore: ColumnRole = { role: 'ignore' };
const text = (name: string): ColumnRole => ({ role: 'attribute', name, type: 'text' });
const flag = (name: string): ColumnRole => ({ role: 'attribute', name, type: 'boolean' });
const metric = (name: string, aggregate?: 'sum' | 'mean' | 'max' | 'min'): ColumnRole =>
  aggregate ? { role: 'metric', metric: name, aggregate } : { role: 'metric', metric: name };

const ravenAccounts = createPreset(
  'ravenstack-accounts',
  'RavenStack accounts',
  [
    'account_id',
    'account_name',
    'industry',
    'country',
    'signup_date',
    'referral_source',
    'plan_tier',
    'seats',
    'is_trial',
    'churn_flag',
  ],
  createMapping({
    kind: 'accounts',
    columns: {
      account_id: { role: 'account-id' },
      account_name: { role: 'field', field: 'name' },
      industry: { role: 'field', field: 'segment' },
      country: text('country'),
      signup_date: { role: 'field', field: 'contractStart', format: 'ymd' },
      referral_source: text('referral_source'),
      plan_tier: text('plan_tier'),
      seats: { role: 'field', field: 'seats' },
      is_trial: flag('is_trial'),
      // The account-level churn flag is the answer the backtest must predict: never an input.
      churn_flag: ignore,
    },
  }),
);

const ravenSubscriptions = createPreset(
  'ravenstack-subscriptions',
  'RavenStack subscriptions (ARR, renewal dates and renewals)',
  [
    'subscription_id',
    'account_id',
    'start_date',
    'end_date',
    'plan_tier',
    'seats',
    'mrr_amount',
    'arr_amount',
    'is_trial',
    'upgrade_flag',
    'downgrade_flag',
    'churn_flag',
    'billing_frequency',
    'auto_renew_flag',
  ],
  createMapping({
    kind: 'subscriptions',
    // Subscriptions starting on the same day add up to the account's booked ARR and seats.
    duplicatePolicy: 'sum',
    // "Current" means in force on the file's newest date (31 Dec 2024), not on the import day.
    snapshotDate: null,
    columns: {
      account_id: { role: 'account-id' },
      start_date: { role: 'date', format: 'ymd' },
      end_date: { role: 'end-date', format: 'ymd' },
      // arr_amount is 12 × mrr_amount on every row: one is the term's amount, the other the
      // booked-ARR series the subscriptions preset has always written.
      mrr_amount: { role: 'amount', per: 'month' },
      arr_amount: metric('arr'),
      seats: metric('seats'),
    },
  }),
);

const ravenFeatureUsage = createPreset(
  'ravenstack-feature-usage',
  'RavenStack feature usage (by subscription)',
  [
    'usage_id',
    'subscription_id',
    'usage_date',
    'feature_name',
    'usage_count',
    'usage_duration_secs',
    'error_count',
    'is_beta_feature',
  ],
  createMapping({
    kind: 'events',
    eventCountMetric: 'feature_events',
    columns: {
      subscription_id: { role: 'account-lookup', lookup: 'subscriptions' },
      usage_date: { role: 'date', format: 'ymd' },
      usage_count: metric('feature_usage_count', 'sum'),
      usage_duration_secs: metric('usage_duration_secs', 'sum'),
      error_count: metric('feature_errors', 'sum'),
    },
  }),
  [
    {
      name: 'subscriptions',
      fromPreset: 'ravenstack-subscriptions',
      keyColumn: 'subscription_id',
      valueColumn: 'account_id',
    },
  ],
);

const ravenTickets = createPreset(
  'ravenstack-support-tickets',
  'RavenStack support tickets',
  [
    'ticket_id',
    'account_id',
    'submitted_at',
    'closed_at',
    'resolution_time_hours',
    'priority',
    'first_response_time_minutes',
    'satisfaction_score',
    'escalation_flag',
  ],
  createMapping({
    kind: 'events',
    eventCountMetric: 'tickets',
    columns: {
      account_id: { role: 'account-id' },
      submitted_at: { role: 'date', format: 'ymd' },
      resolution_time_hours: metric('resolution_time_hours', 'mean'),
      first_response_time_minutes: metric('first_response_minutes', 'mean'),
      satisfaction_score: metric('satisfaction', 'mean'),
      escalation_flag: metric('escalations', 'sum'),
    },
  }),
);

const ravenChurn = createPreset(
  'ravenstack-churn-events',
  'RavenStack churn events',
  [
    'churn_event_id',
    'account_id',
    'churn_date',
    'reason_code',
    'refund_amount_usd',
    'preceding_upgrade_flag',
    'preceding_downgrade_flag',
    'is_reactivation',
    'feedback_text',
  ],
  createMapping({
    kind: 'outcomes',
    constantOutcome: 'churned',
    columns: {
      account_id: { role: 'account-id' },
      churn_date: { role: 'date', format: 'ymd' },
      reason_code: { role: 'reason' },
    },
  }),
);

const yesNo = (name: string): ColumnRole => metric(name);

const telco = createPreset(
  'telco-customer-churn',
  'IBM Telco customer churn (snapshot)',
  [
    'customerID',
    'gender',
    'SeniorCitizen',
    'Partner',
    'Dependents',
    'tenure',
    'PhoneService',
    'MultipleLines',
    'InternetService',
    'OnlineSecurity',
    'OnlineBackup',
    'DeviceProtection',
    'TechSupport',
    'StreamingTV',
    'StreamingMovies',
    'Contract',
    'PaperlessBilling',
    'PaymentMethod',
    'MonthlyCharges',
    'TotalCharges',
    'Churn',
  ],
  createMapping({
    kind: 'snapshot',
    // The snapshot date, and when Churn was observed (by that date, or N days after it), are
    // the user's answers on import: the file says neither.
    snapshotDate: null,
    snapshotOutcomeDays: null,
    columns: {
      customerID: { role: 'account-id' },
      gender: text('gender'),
      SeniorCitizen: yesNo('senior_citizen'),
      Partner: yesNo('partner'),
      Dependents: yesNo('dependents'),
      tenure: metric('tenure_months'),
      PhoneService: yesNo('phone_service'),
      MultipleLines: text('multiple_lines'),
      InternetService: text('internet_service'),
      OnlineSecurity: text('online_security'),
      OnlineBackup: text('online_backup'),
      DeviceProtection: text('device_protection'),
      TechSupport: text('tech_support'),
      StreamingTV: text('streaming_tv'),
      StreamingMovies: text('streaming_movies'),
      Contract: { role: 'field', field: 'segment' },
      PaperlessBilling: yesNo('paperless_billing'),
      PaymentMethod: text('payment_method'),
      MonthlyCharges: metric('monthly_charges'),
      TotalCharges: metric('total_charges'),
      // "No" means the customer was still there when churn was observed: a renewal for the backtest.
      Churn: { role: 'outcome', values: { yes: 'churned', no: 'renewed' } },
    },
  }),
);

// The CSV `score` and `warehouse score` write: a team scoring in its warehouse brings the
// nightly scores back as signals dated on the day they were scored as of (chosen on import).
const scores = createPreset(
  'canary-scores',
  'Canary scores (score / warehouse score output)',
  ['account_id', 'score', 'band', 'trend_30d', 'coverage', 'explanation'],
  createMapping({
    kind: 'snapshot',
    snapshotDate: null,
    columns: {
      account_id: { role: 'account-id' },
      score: metric('warehouse_score'),
      band: text('warehouse_band'),
      trend_30d: metric('warehouse_trend_30d'),
      coverage: metric('warehouse_coverage'),
      explanation: text('warehouse_explanation'),
    },
  }),
);

/** The presets Canary ships with. */
export const BUILTIN_PRESETS: readonly MappingPreset[] = [
  ravenAccounts,
  ravenSubscriptions,
  ravenFeatureUsage,
  ravenTickets,
  ravenChurn,
  telco,
  scores,
];
