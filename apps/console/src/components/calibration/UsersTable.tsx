"use client";

// Per-user statistics of the preview window: impressions, desirable, uctr (Eq. 6's input),
// mean weight and masked count under the current config. A row filters the sample table.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorNotice } from "@/components/ErrorNotice";
import { ARROWS, Pager, useCursorPages } from "@/components/Pager";
import { gql } from "@/lib/graphql";
import { formatInt } from "@/lib/format";
import { exact, term } from "./format";
import {
  isBadInput,
  PREVIEW_USERS_QUERY,
  type CalibrationConfigInput,
  type PreferenceUserOrder,
  type PreferenceUserStatsView,
  type TimeWindow,
} from "./queries";
import styles from "./calibration.module.css";

const ORDERS: { value: PreferenceUserOrder; label: string }[] = [
  { value: "IMPRESSIONS_DESC", label: "Most impressions" },
  { value: "UCTR_DESC", label: "Highest uctr" },
  { value: "UCTR_ASC", label: "Lowest uctr" },
  { value: "MEAN_WEIGHT_DESC", label: "Highest mean weight" },
  { value: "MEAN_WEIGHT_ASC", label: "Lowest mean weight" },
  { value: "USER_ID", label: "User id" },
];
const PAGE = 10;

interface Props {
  window: TimeWindow;
  config: CalibrationConfigInput;
  enabled: boolean;
  mu: number | null;
  selectedUser: string;
  onSelectUser: (userId: string) => void;
}

export function UsersTable({ window, config, enabled, mu, selectedUser, onSelectUser }: Props) {
  const [orderBy, setOrderBy] = useState<PreferenceUserOrder>("IMPRESSIONS_DESC");
  const pages = useCursorPages([window, orderBy]);
  const { after } = pages;
  const users = useQuery({
    queryKey: ["calibrationUsers", window, config, orderBy, after],
    queryFn: () =>
      gql(PREVIEW_USERS_QUERY, { window, config, first: PAGE, after, orderBy }),
    placeholderData: keepPreviousData,
    enabled,
    retry: false,
    staleTime: 30_000,
  });
  const conn = users.data?.calibrationPreview.users;
  return (
    <section className="card" aria-label="Users" data-testid="users">
      <div className={styles.cardHead}>
        <h2 style={{ margin: 0 }}>Users</h2>
        {conn && <span className="muted">{formatInt(conn.totalCount)} in the window</span>}
        <div className="spacer" />
        <select aria-label="Order users by" value={orderBy} onChange={(e) => setOrderBy(e.target.value as PreferenceUserOrder)}>
          {ORDERS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {users.isError && !isBadInput(users.error) && <ErrorNotice action="load users" error={users.error} onRetry={() => void users.refetch()} />}
      <div className={`table-wrap ${users.isPlaceholderData ? "stale" : ""}`}>
        <table className="data compact">
          <thead>
            <tr>
              <th>User</th>
              <th className="num">Impressions</th>
              <th className="num">Desirable</th>
              <th className="num">uctr</th>
              <th className="num">Mean w</th>
              <th className="num">Masked</th>
            </tr>
          </thead>
          <tbody>
            {conn?.edges.map(({ node: u }) => (
              <tr
                key={u.userId}
                className={`${styles.sampleRow} ${selectedUser === u.userId ? styles.selectedRow : ""}`}
                onClick={() => onSelectUser(selectedUser === u.userId ? "" : u.userId)}
                title={selectedUser === u.userId ? "Show every user's samples" : "Show this user's samples"}
              >
                <td>
                  <code className="small">{u.userId}</code>
                </td>
                <td className="num">{formatInt(u.impressions)}</td>
                <td className="num">{formatInt(u.desirable)}</td>
                <td className="num" title={exact(u.uctr)}>
                  <span className={mu != null ? (u.uctr > mu ? styles.above : styles.below) : undefined}>{term(u.uctr)}</span>
                </td>
                <td className="num" title={exact(u.meanWeight)}>
                  {term(u.meanWeight)}
                </td>
                <td className="num">{formatInt(u.masked)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {conn && (
        <Pager pages={pages} pageInfo={conn.pageInfo} totalCount={conn.totalCount} pageSize={PAGE} labels={ARROWS}>
          {mu != null && <span className="small muted">uctr above μ = {mu.toFixed(4)} lowers desirable weights (Eq. 6)</span>}
        </Pager>
      )}
    </section>
  );
}
