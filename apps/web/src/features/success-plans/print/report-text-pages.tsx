import type {
  ReportCoverSlide,
  ReportField,
  ReportPurposeSlide,
  ReportRetrospectiveSlide,
  ReportRisksSlide,
  ReportTeamSlide,
} from "@michi/core";
import classes from "./plan-print.module.css";

/* The text pages of the evaluator report: cover, purpose, team, retrospective, risks. */

/** A value that must not wrap (a date) keeps to one line. */
const Value = ({ field }: { field: ReportField }) => (
  <span className={field.date ? classes.nowrap : undefined}>{field.value}</span>
);

export const CoverPage = ({ slide }: { slide: ReportCoverSlide }) => (
  <div className={classes.cover}>
    <p className={classes.coverKicker}>{slide.reportTitle}</p>
    <h1 className={classes.coverCustomer}>{slide.customer}</h1>
    <p className={classes.coverPlan}>{slide.planTitle}</p>
    <dl className={classes.coverFields}>
      {slide.fields.map((field) => (
        <div key={field.label}>
          <dt>{field.label}</dt>
          <dd>
            <Value field={field} />
          </dd>
        </div>
      ))}
    </dl>
  </div>
);

export const PurposePage = ({ slide }: { slide: ReportPurposeSlide }) => (
  <div className={classes.purpose}>
    <ol className={classes.steps}>
      {slide.steps.map((step) => (
        <li key={step.key} className={classes.step}>
          <strong className={classes.stepLabel}>{step.label}</strong>
          <small>{step.hint}</small>
          <p>{step.text}</p>
        </li>
      ))}
    </ol>
    <div className={classes.outcome}>
      {slide.outcome.map((field) => (
        <p key={field.label}>
          <strong>{field.label}</strong>
          {field.value}
        </p>
      ))}
    </div>
  </div>
);

export const TeamPage = ({ slide }: { slide: ReportTeamSlide }) => (
  <div className={classes.team}>
    <div className={classes.teamSides}>
      {slide.sides.map((side) => (
        <section key={side.side} aria-label={side.label}>
          <h3 className={classes.band}>{side.label}</h3>
          {side.members.length === 0 ? (
            <p className={classes.muted}>{slide.emptyText}</p>
          ) : (
            <table className={classes.table}>
              <tbody>
                {side.members.map((m, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: two members may share role and name
                  <tr key={i}>
                    <th scope="row">
                      {m.roleLabel}
                      {m.duty ? <small className={classes.muted}>{m.duty}</small> : null}
                    </th>
                    <td>{m.name}</td>
                    <td>{m.title}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
    {slide.cadences ? (
      <section aria-label={slide.cadences.heading}>
        <h3 className={classes.subheading}>{slide.cadences.heading}</h3>
        <div className={classes.cards}>
          {slide.cadences.items.map((item) => (
            <p key={item.label} className={classes.card}>
              <strong>{item.label}</strong>
              <span className={classes.muted}>{item.value}</span>
            </p>
          ))}
        </div>
      </section>
    ) : null}
  </div>
);

const directionClass = { closer: classes.good, unchanged: classes.muted, further: classes.bad };

export const RetrospectivePage = ({ slide }: { slide: ReportRetrospectiveSlide }) => {
  const c = slide.columns;
  return (
    <div className={slide.focus ? classes.retro : undefined}>
      <div>
        <h3 className={classes.subheading}>{slide.stageLabel}</h3>
        {slide.summary ? (
          <p className={classes.card}>
            <strong>{slide.summary.label}</strong>
            {slide.summary.value}
          </p>
        ) : null}
        {slide.reviews.length > 0 ? (
          <table className={classes.table}>
            <thead>
              <tr>
                <th>{c.objective}</th>
                <th>{c.direction}</th>
                <th>{c.held}</th>
                <th>{c.didNotHold}</th>
                <th>{c.changesNext}</th>
              </tr>
            </thead>
            <tbody>
              {slide.reviews.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.objective}</th>
                  <td className={directionClass[r.direction]}>{r.directionLabel}</td>
                  <td>{r.held || "—"}</td>
                  <td>{r.didNotHold || "—"}</td>
                  <td>{r.changesNext || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
      {slide.focus ? (
        <aside aria-label={slide.focus.heading}>
          <h3 className={classes.band}>{slide.focus.heading}</h3>
          {slide.focus.items.length === 0 ? (
            <p className={classes.muted}>{slide.focus.emptyText}</p>
          ) : (
            slide.focus.items.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: labels repeat ("next milestone")
              <p key={i} className={classes.card}>
                <span className={classes.muted}>{item.label}</span>
                <strong>{item.value}</strong>
              </p>
            ))
          )}
        </aside>
      ) : null}
    </div>
  );
};

const severityClass = { error: classes.bad, warning: classes.warn, info: classes.muted };

export const RisksPage = ({ slide }: { slide: ReportRisksSlide }) =>
  slide.findings.length === 0 ? (
    <p className={classes.empty}>{slide.emptyText}</p>
  ) : (
    <table className={classes.table}>
      <thead>
        <tr>
          <th>{slide.columns.severity}</th>
          <th>{slide.columns.target}</th>
          <th>{slide.columns.finding}</th>
        </tr>
      </thead>
      <tbody>
        {slide.findings.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one element may have two findings
          <tr key={i}>
            <td className={severityClass[f.severity]}>● {f.severityLabel}</td>
            <td>{f.target}</td>
            <td>{f.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
