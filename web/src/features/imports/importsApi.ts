import { apiSlice, onceSucceeded } from '../../api/apiSlice';
import { send } from '../../api/client';
import type { FormRef } from '../../api/errors';
import type { components } from '../../api/schema';
import { succeeded } from '../messages';

export type ImportReport = components['schemas']['ImportReportDto'];
export type ImportSummary = components['schemas']['ImportSummaryDto'];
export type ImportMode = ImportReport['mode'];

/** The import form; a server error about the file names it by its label. */
export const importForm = { name: 'import', labels: { file: 'CSV file', mode: 'Existing leads' } } satisfies FormRef;

/** The words of each lead field, as the leads forms label them: a failed row's problems read `Email: ...`. */
export const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  message: 'Message',
  status: 'Status',
  source: 'Source',
};

/** The import's report in a sentence (WEB.md). */
export const describeImport = (report: ImportReport) => `Imported: ${report.created} created, ${report.updated} updated`;

/** A dry run's counts in a sentence (WEB.md). */
export const describeCheck = (report: ImportReport) =>
  `${report.created} to create, ${report.updated} to update, ${report.unchanged} unchanged, ${report.skipped} skipped, ${report.failed} with errors`;

/** What a failed row's errors say, each field as `{Label}: {messages}`. */
export const describeProblems = (errors: Record<string, string[]>) =>
  Object.entries(errors)
    .map(([field, messages]) => `${FIELD_LABELS[field] ?? field}: ${messages.join(' ')}`)
    .join(' ');

/**
 * Imports through RTK Query. The file goes as the body itself (text/csv),
 * not as a form upload; a real import or an undo changes the leads, so the
 * cached list of imports and any cached leads are fetched again.
 */
export const importsApi = apiSlice.enhanceEndpoints({ addTagTypes: ['Imports'] }).injectEndpoints({
  endpoints: (build) => ({
    listImports: build.query<ImportSummary[], void>({
      queryFn: () => send(null, (api) => api.GET('/api/leads/imports')),
      providesTags: ['Imports'],
    }),
    importFile: build.mutation<ImportReport, { file: File; mode: ImportMode; dryRun: boolean }>({
      queryFn: ({ file, mode, dryRun }) =>
        send(importForm, (api) =>
          api.POST('/api/leads/import', {
            params: { query: { mode, dry_run: dryRun } },
            body: file as never,
            bodySerializer: (body: unknown) => body as Blob,
            headers: { 'Content-Type': 'text/csv' },
          }),
        ),
      invalidatesTags: (report) => (report && !report.dry_run ? ['Imports', 'Leads', 'LeadStats', 'Activity'] : []),
      onQueryStarted: (_, { dispatch, queryFulfilled }) =>
        onceSucceeded(queryFulfilled, (report) => {
          if (!report.dry_run) dispatch(succeeded(describeImport(report)));
        }),
    }),
    /** Downloads the export of the view whose query string is given, with the user's token, and saves it. */
    exportLeads: build.mutation<null, string>({
      queryFn: async (search) => {
        // The view's query string as the address holds it (search, status, ordering), passed on as it is.
        const answer = await send(null, (api) => api.GET('/api/leads/export', { parseAs: 'blob', querySerializer: () => search }));
        if (answer.error) return answer;
        saveFile(answer.data, fileName(answer.response.headers.get('Content-Disposition')));
        return { data: null };
      },
    }),
    undoImport: build.mutation<components['schemas']['UndoResultDto'], number>({
      queryFn: (id) => send(null, (api) => api.POST('/api/leads/imports/{id}/undo', { params: { path: { id } } })),
      invalidatesTags: ['Imports', 'Leads', 'LeadStats', 'Activity'],
      onQueryStarted: (_, { dispatch, queryFulfilled }) => onceSucceeded(queryFulfilled, () => dispatch(succeeded('Import undone'))),
    }),
  }),
});

/** The name the server gives the file (`attachment; filename="leads-2026-12-05.csv"`). */
export const fileName = (disposition: string | null) => /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? 'leads.csv';

/** Hands a downloaded file to the browser, as a link with `download` would. */
function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const { useListImportsQuery, useImportFileMutation, useUndoImportMutation, useExportLeadsMutation } = importsApi;
