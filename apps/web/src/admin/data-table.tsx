// A list as a real table: a caption, column headers that sort, a filter over every column and
// pages of PAGE_SIZE rows, so that thousands of agents stay quick to draw and to read.
import { useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export const PAGE_SIZE = 50;

export interface TableColumn<Row> {
  key: string;
  label: string;
  numeric?: boolean;
  /** What the column sorts and filters on. */
  value: (row: Row) => string | number;
  render?: (row: Row) => ReactNode;
}

export function DataTable<Row>(props: {
  caption: string;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  actions?: (row: Row) => ReactNode;
}): ReactNode {
  const { t, format } = useI18n();
  const { columns, rows } = props;
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: string; descending: boolean }>({
    key: columns[0]?.key ?? '',
    descending: false,
  });
  const [page, setPage] = useState(0);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const kept =
      needle === ''
        ? [...rows]
        : rows.filter((row) =>
            columns.some((column) => String(column.value(row)).toLowerCase().includes(needle)),
          );
    const column = columns.find((c) => c.key === sort.key);
    if (column !== undefined) {
      kept.sort((a, b) => {
        const [x, y] = [column.value(a), column.value(b)];
        const order =
          typeof x === 'number' && typeof y === 'number'
            ? x - y
            : String(x).localeCompare(String(y), undefined, { numeric: true });
        return sort.descending ? -order : order;
      });
    }
    return kept;
  }, [rows, columns, filter, sort]);

  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  return (
    <div className="admin-table">
      <div className="admin-table-tools">
        <label>
          {t('admin.table.filter')}{' '}
          <input
            type="search"
            value={filter}
            onChange={(event) => {
              setFilter(event.target.value);
              setPage(0);
            }}
          />
        </label>
        <span className="muted" aria-live="polite">
          {t('admin.table.count', {
            shown: format.integer(shown.length),
            total: format.integer(rows.length),
          })}
        </span>
      </div>
      <div className="table-wrap">
        <table>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const sorted = sort.key === column.key;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    className={column.numeric === true ? 'num' : undefined}
                    aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : undefined}
                  >
                    <button
                      type="button"
                      className="sort"
                      onClick={() =>
                        setSort({ key: column.key, descending: sorted && !sort.descending })
                      }
                    >
                      {column.label}
                      <span aria-hidden="true">
                        {sorted ? (sort.descending ? ' ▼' : ' ▲') : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
              {props.actions === undefined ? null : (
                <th scope="col">
                  <span className="visually-hidden">{t('admin.table.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {visible.length === 0 ? (
              <tr>
                <td colSpan={columns.length + (props.actions === undefined ? 0 : 1)}>
                  {t('admin.table.empty')}
                </td>
              </tr>
            ) : (
              visible.map((row) => (
                <tr key={props.rowKey(row)}>
                  {columns.map((column, i) => {
                    const content = column.render?.(row) ?? String(column.value(row));
                    return i === 0 ? (
                      <th key={column.key} scope="row">
                        {content}
                      </th>
                    ) : (
                      <td key={column.key} className={column.numeric === true ? 'num' : undefined}>
                        {content}
                      </td>
                    );
                  })}
                  {props.actions === undefined ? null : (
                    <td className="admin-row-actions">{props.actions(row)}</td>
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="admin-pager" aria-label={t('admin.table.pages')}>
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('admin.table.previous')}
          </button>
          <span>{t('admin.table.page', { page: current + 1, pages })}</span>
          <button
            type="button"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            {t('admin.table.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
