import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

export interface VoiceRatesTable {
  id: string;
  tenant_id: string;
  country: string;
  rate_per_minute_minor: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VoiceBalancesTable {
  tenant_id: string;
  balance_minor: number;
  updated_at: Timestamp;
}

export interface LedgerEntriesTable {
  id: string;
  tenant_id: string;
  kind: 'top_up' | 'call_charge' | 'adjustment';
  amount_minor: number;
  balance_after_minor: number;
  call_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ComplianceNumbersTable {
  id: string;
  tenant_id: string;
  list: 'do_not_call' | 'deny' | 'allow';
  phone_e164: string;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AllowedDestinationCountriesTable {
  tenant_id: string;
  country: string;
  created_at: Timestamp;
}

export interface BillingTables {
  voice_rates: VoiceRatesTable;
  voice_balances: VoiceBalancesTable;
  ledger_entries: LedgerEntriesTable;
  compliance_numbers: ComplianceNumbersTable;
  allowed_destination_countries: AllowedDestinationCountriesTable;
}
