import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { useAppDispatch } from '../../app/hooks';
import { formSubmitted } from '../messages';
import {
  describeCheck,
  describeProblems,
  type ImportMode,
  type ImportReport,
  importForm,
  useImportFileMutation,
  useListImportsQuery,
  useUndoImportMutation,
} from './importsApi';

const when = (iso: string) => new Date(iso).toLocaleString();

/**
 * The Import page (WEB.md): choose a file and what to do with leads already
 * there, check it (a dry run: the counts and the failed rows), then import
 * it; below, the past imports, each undone with one button.
 */
export function ImportPage() {
  const dispatch = useAppDispatch();
  const ids = { file: useId(), mode: useId() };
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('create');
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const [importFile, { isLoading }] = useImportFileMutation();

  const run = async (dryRun: boolean) => {
    if (!file) return;
    dispatch(formSubmitted(importForm));
    const { data } = await importFile({ file, mode, dryRun });
    setChecked(dryRun ? (data ?? null) : null);
  };

  const check = (event: FormEvent) => {
    event.preventDefault();
    void run(true);
  };

  const chooseFile = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setChecked(null);
  };

  return (
    <>
      <h1 className="mb-4" tabIndex={-1}>
        Import leads
      </h1>
      <section className="card card-body mb-5" aria-label="Import a file">
        <form noValidate onSubmit={check}>
          <div className="mb-3">
            <label htmlFor={ids.file} className="form-label">
              {importForm.labels.file}
            </label>
            <input id={ids.file} type="file" accept=".csv,.tsv,.txt,text/csv" className="form-control" onChange={chooseFile} />
          </div>
          <div className="mb-3">
            <label htmlFor={ids.mode} className="form-label">
              {importForm.labels.mode}
            </label>
            <select
              id={ids.mode}
              className="form-select"
              value={mode}
              onChange={(event) => {
                setMode(event.target.value as ImportMode);
                setChecked(null);
              }}
            >
              <option value="create">Skip</option>
              <option value="update">Update</option>
            </select>
          </div>
          <button type="submit" className="btn btn-outline-primary" disabled={!file || isLoading}>
            Check file
          </button>
        </form>
        {checked && <CheckResult report={checked} onImport={() => void run(false)} busy={isLoading} />}
      </section>
      <PastImports />
    </>
  );
}

function CheckResult({ report, onImport, busy }: { report: ImportReport; onImport: () => void; busy: boolean }) {
  return (
    <div className="mt-4">
      <p>{describeCheck(report)}</p>
      {report.errors.length > 0 && (
        <div className="table-responsive">
          <table className="table table-sm">
            <caption>Rows with errors</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map(({ row, errors }) => (
                <tr key={row}>
                  <td>{row}</td>
                  <td>{describeProblems(errors)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" className="btn btn-primary" onClick={onImport} disabled={busy}>
        Import
      </button>
    </div>
  );
}

function PastImports() {
  const { data: imports = [] } = useListImportsQuery(undefined, { refetchOnMountOrArgChange: true });
  const [undoImport] = useUndoImportMutation();
  return (
    <section aria-labelledby="past-imports-heading">
      <h2 id="past-imports-heading">Past imports</h2>
      <div className="table-responsive">
        <table className="table align-middle">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Created</th>
              <th scope="col">Updated</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {imports.map((entry) => (
              <tr key={entry.id}>
                <td>{when(entry.created_at)}</td>
                <td>{entry.created}</td>
                <td>{entry.updated}</td>
                <td className="text-end">
                  {entry.undone ? (
                    <span className="text-body-secondary">Undone</span>
                  ) : (
                    <button type="button" className="btn btn-outline-danger btn-sm" onClick={() => void undoImport(entry.id)}>
                      Undo
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
