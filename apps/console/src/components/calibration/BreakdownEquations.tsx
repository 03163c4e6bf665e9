// Every term of Eq. 6, 7 and 9 for one sample, as the API computed it (CalibrationBreakdown),
// written out as the equations with the numbers substituted. The console computes nothing:
// each number shown is a field of the breakdown (exact value in the tooltip / data-value).

import type { ReactNode } from "react";
import { exact, short, term } from "./format";
import type { CalibrationBreakdownView, MuMode } from "./queries";
import styles from "./calibration.module.css";

/** One number of the breakdown, with its exact value for tooltips and tests. */
function N({ name, v, digits = 4, param = false }: { name: string; v: number | null | undefined; digits?: number; param?: boolean }) {
  return (
    <span className={styles.num} data-testid={`term-${name}`} data-value={exact(v)} title={`${name} = ${exact(v)}`}>
      {param ? short(v, digits) : term(v, digits)}
    </span>
  );
}

function Line({ children, note }: { children: ReactNode; note?: ReactNode }) {
  return (
    <div className={styles.eqLine}>
      <span className={styles.eqMath}>{children}</span>
      {note && <span className={styles.eqNote}>{note}</span>}
    </div>
  );
}

const V = ({ children }: { children: ReactNode }) => <var className={styles.var}>{children}</var>;

interface Props {
  b: CalibrationBreakdownView;
  /** How mu was chosen, when known (the breakdown carries its value only). */
  muMode?: MuMode;
  /** Show the API's own step lines under the equations. */
  showSteps?: boolean;
}

export function BreakdownEquations({ b, muMode, showSteps = true }: Props) {
  const label = b.desirable ? "desirable" : "undesirable";
  const sign = b.desirable ? "−" : "+";
  const boostName = b.systemSide === "STATIC" ? "1 + γ" : "(1 + γ)^(p^k)";

  return (
    <div className={styles.equations} data-testid="breakdown">
      <section className={styles.eqBlock} aria-label="Eq. 6 user side">
        <h3 className={styles.eqHead}>
          Eq. 6 · user side <span className={`badge ${b.userSide ? "ok" : "off"}`}>{b.userSide ? "on" : "off"}</span>
        </h3>
        <Line note="desirable impressions / impressions of this user in the window">
          <V>uctr</V>(<V>u</V>) = <N name="uctr" v={b.uctr} />
        </Line>
        <Line note={muMode === "UPPER_QUARTILE" ? "upper quartile of per-user uctr" : muMode === "FIXED" ? "fixed" : undefined}>
          <V>μ</V> = <N name="mu" v={b.mu} />
        </Line>
        <Line note="population std of per-user uctr, unless given">
          <V>s</V> = <N name="s" v={b.s} />
        </Line>
        {!b.userSide ? (
          <Line note="the user side is off">
            <V>w</V>
            <sub>U</sub> = <N name="wU" v={b.wU} />
          </Line>
        ) : b.t == null ? (
          <Line note="s = 0: no spread between users">
            <V>w</V>
            <sub>U</sub> = <N name="wU" v={b.wU} />
          </Line>
        ) : (
          <>
            <Line>
              <V>t</V> = tanh((<V>uctr</V> − <V>μ</V>) / <V>s</V>) = tanh((<N name="uctr-s" v={b.uctr} /> − <N name="mu-s" v={b.mu} />) /{" "}
              <N name="s-s" v={b.s} />) = tanh(<N name="z" v={b.z} />) = <N name="t" v={b.t} />
            </Line>
            <Line note={`${label}: 1 ${sign} α·t`}>
              <V>w</V>
              <sub>U</sub> = 1 {sign} <V>α</V>·<V>t</V> = 1 {sign} <N name="alpha" v={b.alpha} param /> × <N name="t-s" v={b.t} /> ={" "}
              <strong>
                <N name="wU" v={b.wU} />
              </strong>
            </Line>
          </>
        )}
      </section>

      <section className={styles.eqBlock} aria-label="Eq. 7 system side">
        <h3 className={styles.eqHead}>
          Eq. 7 · system side <span className={`badge ${b.systemSide === "OFF" ? "off" : "ok"}`}>{b.systemSide}</span>{" "}
          <span className={`badge ${b.toolInvoking ? "ok" : "off"}`}>{b.toolInvoking ? "tool-invoking" : "not tool-invoking"}</span>
        </h3>
        {b.toolInvoking && (
          <Line note={b.desirable ? "largest p among the clicked tool-invoking suggestions" : "largest p among the exposed tool-invoking suggestions"}>
            <V>p</V>({b.toolId ? <code>{b.toolId}</code> : "—"}) = <N name="p" v={b.p} />
          </Line>
        )}
        {b.systemSide === "OFF" ? (
          <Line note="the system side is off">
            <V>w</V>
            <sub>S</sub> = <N name="wS" v={b.wS} />
          </Line>
        ) : !b.toolInvoking ? (
          <Line note="not tool-invoking">
            <V>w</V>
            <sub>S</sub> = <N name="wS" v={b.wS} />
          </Line>
        ) : (
          <>
            {b.systemSide === "DYNAMIC" && (
              <>
                <Line>
                  <V>p</V>
                  <sup>
                    <V>k</V>
                  </sup>{" "}
                  = <N name="p-s" v={b.p} />
                  <sup>
                    <N name="k" v={b.k} param />
                  </sup>{" "}
                  = <N name="pToTheK" v={b.pToTheK} />
                </Line>
                <Line note="the DYNAMIC boost">
                  (1 + <V>γ</V>)
                  <sup>
                    <V>p</V>
                    <sup>
                      <V>k</V>
                    </sup>
                  </sup>{" "}
                  = (1 + <N name="gamma" v={b.gamma} param />)
                  <sup>
                    <N name="pToTheK-s" v={b.pToTheK} />
                  </sup>{" "}
                  = <N name="dynamicBoost" v={b.dynamicBoost} />
                </Line>
              </>
            )}
            {b.systemSide === "STATIC" && (
              <Line note="the STATIC boost (frequency-independent)">
                1 + <V>γ</V> = 1 + <N name="gamma" v={b.gamma} param /> = <N name="staticBoost" v={b.staticBoost} />
              </Line>
            )}
            <Line note={b.desirable ? `desirable and tool-invoking: ${boostName}` : "undesirable and tool-invoking: 0 (masked from the loss)"}>
              <V>w</V>
              <sub>S</sub> ={" "}
              <strong>
                <N name="wS" v={b.wS} />
              </strong>
            </Line>
          </>
        )}
      </section>

      <section className={styles.eqBlock} aria-label="Eq. 9 combined weight">
        <h3 className={styles.eqHead}>
          Eq. 9 · combined weight <span className="badge" data-testid="term-combination">{b.combination}</span>
          {b.masked && (
            <span className={`badge ${styles.maskedBadge}`} data-testid="term-masked">
              masked
            </span>
          )}
        </h3>
        <Line note={combinationNote(b)}>
          <V>w</V> = {combinationFormula(b)} ={" "}
          <strong className={styles.weight}>
            <N name="weight" v={b.weight} />
          </strong>
        </Line>
        {b.masked && <p className="small muted">w = 0: this example contributes nothing to the loss.</p>}
      </section>

      {showSteps && b.steps.length > 0 && (
        <details className={styles.steps}>
          <summary className="small muted">The API&apos;s steps</summary>
          <ol>
            {b.steps.map((s, i) => (
              <li key={i}>
                <code>{s}</code>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

function combinationFormula(b: CalibrationBreakdownView): ReactNode {
  const wU = <N name="wU-c" v={b.wU} />;
  const wS = <N name="wS-c" v={b.wS} />;
  switch (b.combination) {
    case "MAX":
      return (
        <>
          max(<V>w</V>
          <sub>U</sub>, <V>w</V>
          <sub>S</sub>) = max({wU}, {wS})
        </>
      );
    case "MIN":
      return (
        <>
          min(<V>w</V>
          <sub>U</sub>, <V>w</V>
          <sub>S</sub>) = min({wU}, {wS})
        </>
      );
    case "USER_SIDE_ONLY":
      return (
        <>
          <V>w</V>
          <sub>U</sub>
        </>
      );
    case "SYSTEM_SIDE_ONLY":
      return (
        <>
          <V>w</V>
          <sub>S</sub>
        </>
      );
    case "VANILLA":
      return <>1</>;
  }
}

function combinationNote(b: CalibrationBreakdownView): string {
  switch (b.combination) {
    case "MAX":
      return "both sides on, desirable: the larger weight";
    case "MIN":
      return "both sides on, undesirable: the smaller weight";
    case "USER_SIDE_ONLY":
      return "only the user side is on";
    case "SYSTEM_SIDE_ONLY":
      return "only the system side is on";
    case "VANILLA":
      return "neither side is on (vanilla KTO)";
  }
}
