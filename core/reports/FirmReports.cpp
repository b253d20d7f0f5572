#include "reports/FirmReports.h"

#include "cases/CaseService.h"
#include "deadlines/DateRules.h"
#include "deadlines/DeadlineService.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"
#include "users/User.h"

#include <QHash>

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <tuple>
#include <vector>

namespace claimdesk::core::reports {

namespace {

using deadlines::DiaryEntry;
using deadlines::LimitationOverviewEntry;
using deadlines::LimitationState;
using deadlines::ukShortDate;

const QString kMarking = QStringLiteral("PRIVATE & CONFIDENTIAL — LEGALLY PRIVILEGED");
const QString kRestrictedCase = QStringLiteral("Restricted case");
const QString kRestrictedRow = QStringLiteral("Restricted (not shown)");
const QString kScopeSeparator = QStringLiteral(" — ");
constexpr int kRiskMonths = 6;
constexpr int kMaxDiaryDays = 3660;  // as the CLI's `diary --days`

// Calls the caller's progress callback now and then (every 1,024 rows and at the end) while a report works
// through its rows; false once the caller asked to cancel.
class Progress {
public:
    Progress(const std::function<bool(int, int)>& callback, std::size_t total)
        : m_callback(callback), m_total(static_cast<int>(total))
    {
    }
    bool at(std::size_t done) const
    {
        const int n = static_cast<int>(done);
        return !m_callback || (n % 1024 != 0 && n != m_total) || m_callback(n, m_total);
    }

private:
    const std::function<bool(int, int)>& m_callback;
    int m_total;
};

Error cancelled()
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("The report was cancelled; nothing was printed or saved."));
}

QString count(qint64 n, const QString& singular, const QString& plural)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? singular : plural);
}

QString iso(const QDate& date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

QString flag(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}


// "12 days", "1 day", "Due today", "3 days overdue".
QString daysLeftText(qint64 days)
{
    if (days < 0) {
        return count(-days, QStringLiteral("day overdue"), QStringLiteral("days overdue"));
    }
    if (days == 0) {
        return QStringLiteral("Due today");
    }
    return count(days, QStringLiteral("day"), QStringLiteral("days"));
}

// The file form of a day count that may be negative: days left, or days past (never a negative number, which the
// CSV writer would quote as text).
QStringList dayColumns(qint64 days)
{
    return days < 0 ? QStringList {QString(), QString::number(-days)} : QStringList {QString::number(days), QString()};
}

QString rangeText(const QDate& from, const QDate& to)
{
    return QStringLiteral("%1 – %2").arg(ukShortDate(from), ukShortDate(to));
}

QString stateId(LimitationState state)
{
    switch (state) {
    case LimitationState::Verified: return QStringLiteral("verified");
    case LimitationState::Unverified: return QStringLiteral("unverified");
    case LimitationState::Missing: return QStringLiteral("missing");
    }
    return {};
}

// The rows of a document's first table as a file has them (totals are only in the printed rows).
int mainTableRows(const Document& document)
{
    for (const Block& b : document.blocks) {
        if (b.kind == Block::Kind::Table) {
            return static_cast<int>(b.csvColumns.isEmpty() ? b.rows.size() : b.csvRows.size());
        }
    }
    return -1;
}

Block tableOf(std::vector<Column> columns, const QString& emptyText, const QString& csvName, QStringList csvColumns)
{
    Block b = Block::table(std::move(columns), {}, emptyText, csvName);
    b.csvColumns = std::move(csvColumns);
    return b;
}

}  // namespace

QString reportKindId(ReportKind kind)
{
    switch (kind) {
    case ReportKind::Diary: return QStringLiteral("diary");
    case ReportKind::Caseload: return QStringLiteral("caseload");
    case ReportKind::LimitationRisk: return QStringLiteral("limitation-risk");
    case ReportKind::TherapyFund: return QStringLiteral("therapy-fund");
    }
    return {};
}

std::optional<ReportKind> reportKindFromId(const QString& id)
{
    for (const ReportKind kind :
         {ReportKind::Diary, ReportKind::Caseload, ReportKind::LimitationRisk, ReportKind::TherapyFund}) {
        if (reportKindId(kind) == id) {
            return kind;
        }
    }
    return std::nullopt;
}

QString reportKindTitle(ReportKind kind)
{
    switch (kind) {
    case ReportKind::Diary: return QStringLiteral("Deadline diary");
    case ReportKind::Caseload: return QStringLiteral("Caseload");
    case ReportKind::LimitationRisk: return QStringLiteral("Limitation risk");
    case ReportKind::TherapyFund: return QStringLiteral("Therapy fund position");
    }
    return {};
}

OutputRecord outputRecordFor(const ReportRequest& request, const Document& document, const QString& format,
                             const QString& destination)
{
    OutputRecord record;
    record.action = QStringLiteral("report.output");
    record.entity = QStringLiteral("report");
    record.entityId = reportKindId(request.kind);
    const qsizetype scopeAt = document.profileName.lastIndexOf(kScopeSeparator);
    record.profile = scopeAt >= 0 ? document.profileName.mid(scopeAt + kScopeSeparator.size()) : QStringLiteral("firm");
    record.format = format;
    record.destination = destination;
    record.rows = mainTableRows(document);
    return record;
}

FirmReports::FirmReports(Vault& vault, CaseService& cases, deadlines::DeadlineService& deadlines,
                         therapy::TherapyService& therapy)
    : m_vault(vault), m_cases(cases), m_deadlines(deadlines), m_therapy(therapy)
{
}

Error FirmReports::refuse(ReportKind kind, const QString& attempted, const QString& message)
{
    return refuseOutput(m_vault, attempted, QStringLiteral("report"), reportKindId(kind), message);
}

Document FirmReports::frame(ReportKind kind) const
{
    Document d;
    if (auto firm = m_vault.setting(QStringLiteral("firm.name"))) {
        d.firmName = firm->trimmed();
    }
    d.marking = kMarking;
    d.title = reportKindTitle(kind);
    d.profileName = d.title;
    d.printedBy = m_vault.currentUser().displayName;
    d.printedAtUtc = m_vault.now();
    return d;
}

Result<Document> FirmReports::build(const ReportRequest& request, const std::function<bool(int, int)>& progress)
{
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    if (!m_cases.canSeeCaseContent()) {
        return refuse(request.kind, QStringLiteral("run the %1 report").arg(reportKindTitle(request.kind).toLower()),
                      QStringLiteral("Your role (%1) does not include case files, so it has no firm reports.")
                          .arg(roleName(m_vault.currentUser().role)));
    }
    ReportRequest resolved = request;
    if (!resolved.asOf.isValid()) {
        resolved.asOf = m_vault.now().toLocalTime().date();
    }
    switch (request.kind) {
    case ReportKind::Diary: return diary(resolved, progress);
    case ReportKind::Caseload: return caseload(resolved, progress);
    case ReportKind::LimitationRisk: return limitationRisk(resolved, progress);
    case ReportKind::TherapyFund: return therapyFund(resolved, progress);
    }
    return makeError(ErrorCode::InvalidInput, QStringLiteral("There is no such report."));
}

// --- Deadline diary ---------------------------------------------------------------------------------------------

Result<Document> FirmReports::diary(const ReportRequest& request, const std::function<bool(int, int)>& progress)
{
    const User& me = m_vault.currentUser();
    const bool supervisor = m_cases.isSupervisor();
    const QString wanted = request.feeEarner.trimmed().toLower();
    const bool team = wanted.isEmpty() && supervisor;
    const bool mine = (wanted.isEmpty() && !supervisor) || wanted == me.username;
    if (!team && !mine && !supervisor) {
        return refuse(ReportKind::Diary, QStringLiteral("run the deadline diary of %1").arg(wanted),
                      QStringLiteral("Only a supervisor may print another fee earner's diary or the team's: "
                                     "print your own."));
    }
    const QDate from = request.from.isValid() ? request.from : request.asOf;
    const QDate to = request.to.isValid() ? request.to : from.addDays(27);
    if (to < from) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The diary's last day (%1) is before its first (%2).")
                             .arg(ukShortDate(to), ukShortDate(from)));
    }
    if (from.daysTo(to) > kMaxDiaryDays) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A diary covers at most ten years: choose a shorter range."));
    }
    auto users = m_vault.users();
    if (!users) {
        return users.error();
    }
    QHash<QString, QString> names;
    for (const User& u : *users) {
        names.insert(u.username, u.displayName);
    }
    if (!team && !mine && !names.contains(wanted)) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("There is no user %1: choose a fee earner from the list.").arg(wanted));
    }
    const QString whoseName = names.value(mine ? me.username : wanted, mine ? me.displayName : wanted);
    if (auto refreshed = m_deadlines.refreshStale(request.asOf); !refreshed) {
        return refreshed.error();
    }
    auto entries
        = m_deadlines.diary(mine ? deadlines::DiaryScope::Mine : deadlines::DiaryScope::All, from, to, request.asOf);
    if (!entries) {
        return entries.error();
    }
    // The service lists everything due up to `to` (overdue ones too) and the limitation reminders waiting for
    // acknowledgment; the report keeps what is overdue, due in the range, or waiting.
    std::vector<DiaryEntry> shown;
    for (DiaryEntry& e : *entries) {
        if (!team && !mine && e.feeEarner != wanted) {
            continue;
        }
        if (e.dueOn < request.asOf || e.dueOn >= from || e.needsAcknowledgment) {
            shown.push_back(std::move(e));
        }
    }
    std::stable_sort(shown.begin(), shown.end(), [](const DiaryEntry& a, const DiaryEntry& b) {
        return std::tie(a.dueOn, a.caseReference, a.deadlineId) < std::tie(b.dueOn, b.caseReference, b.deadlineId);
    });

    Document d = frame(ReportKind::Diary);
    const QString scope = team ? QStringLiteral("team") : mine ? QStringLiteral("mine") : wanted;
    d.profileName = d.title + kScopeSeparator + scope;
    d.subtitle = QStringLiteral("%1 · %2").arg(rangeText(from, to), team ? QStringLiteral("Whole team") : whoseName);
    d.blocks.push_back(Block::paragraph(
        QStringLiteral("Open deadlines due from %1 to %2 %3, as of %4, with every deadline still overdue (up to a "
                       "year) and every limitation reminder waiting to be acknowledged. Cases are named by reference "
                       "only; a restricted case you may not open shows its reference and date only.")
            .arg(ukShortDate(from), ukShortDate(to),
                 team ? QStringLiteral("for the whole team") : QStringLiteral("for %1's cases").arg(whoseName),
                 ukShortDate(request.asOf))));

    Block table = tableOf({{QStringLiteral("Due"), 1.1},
                           {QStringLiteral("Days left"), 1.2},
                           {QStringLiteral("Case"), 1.8},
                           {QStringLiteral("Deadline"), 2.6},
                           {QStringLiteral("Party"), 0.9},
                           {QStringLiteral("Fee earner"), 1.4},
                           {QStringLiteral("Reminder"), 2.0}},
                          QStringLiteral("No open deadlines in this period."), QStringLiteral("diary"),
                          {QStringLiteral("due_on"), QStringLiteral("days_left"), QStringLiteral("days_overdue"),
                           QStringLiteral("case_reference"), QStringLiteral("restricted"), QStringLiteral("kind"),
                           QStringLiteral("rule"), QStringLiteral("deadline"), QStringLiteral("party"),
                           QStringLiteral("fee_earner"), QStringLiteral("fee_earner_name"), QStringLiteral("reminder"),
                           QStringLiteral("reminder_due_on"), QStringLiteral("needs_acknowledgment"),
                           QStringLiteral("escalated")});
    table.rows.reserve(shown.size());
    table.csvRows.reserve(shown.size());
    int overdue = 0;
    int waiting = 0;
    int escalated = 0;
    const Progress step(progress, shown.size());
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (!step.at(i)) {
            return cancelled();
        }
        const DiaryEntry& e = shown[i];
        const qint64 days = request.asOf.daysTo(e.dueOn);
        overdue += days < 0 ? 1 : 0;
        waiting += e.needsAcknowledgment ? 1 : 0;
        escalated += e.escalated ? 1 : 0;
        if (e.restricted) {
            table.rows.push_back(
                {ukShortDate(e.dueOn), daysLeftText(days), e.caseReference, kRestrictedCase, {}, {}, {}});
            // Reference and date only: no kind, rule, title, party, fee earner or reminder.
            QStringList file = QStringList {iso(e.dueOn)} + dayColumns(days);
            file << e.caseReference << flag(true) << QString() << QString() << kRestrictedCase;
            file << QString() << QString() << QString() << QString() << QString() << flag(false) << flag(false);
            table.csvRows.push_back(file);
            continue;
        }
        const QString feeEarnerName = names.value(e.feeEarner, e.feeEarner);
        QString reminder;
        if (e.escalated) {
            reminder = QStringLiteral("Escalated to supervisor — %1 reminder").arg(e.reminderRung);
        } else if (e.needsAcknowledgment) {
            reminder = QStringLiteral("%1 reminder — acknowledge").arg(e.reminderRung);
        }
        const QString party
            = e.party == deadlines::ActingParty::Own ? QStringLiteral("Us") : QStringLiteral("Other side");
        table.rows.push_back(
            {ukShortDate(e.dueOn), daysLeftText(days), e.caseReference, e.title, party, feeEarnerName, reminder});
        table.csvRows.push_back(QStringList {iso(e.dueOn)} + dayColumns(days)
                                + QStringList {e.caseReference, flag(false), deadlines::deadlineKindId(e.kind), e.rule,
                                               e.title, deadlines::partyId(e.party), e.feeEarner, feeEarnerName,
                                               e.needsAcknowledgment ? e.reminderRung : QString(),
                                               e.needsAcknowledgment ? iso(e.reminderDueOn) : QString(),
                                               flag(e.needsAcknowledgment), flag(e.escalated)});
    }
    if (!step.at(shown.size())) {
        return cancelled();
    }
    if (overdue > 0) {
        d.blocks.push_back(
            Block::notice(QStringLiteral("%1 overdue: listed first.")
                              .arg(count(overdue, QStringLiteral("deadline is"), QStringLiteral("deadlines are"))),
                          Tone::Danger));
    }
    if (waiting > 0) {
        d.blocks.push_back(Block::notice(
            QStringLiteral("%1 waiting to be acknowledged%2.")
                .arg(count(waiting, QStringLiteral("limitation reminder is"),
                           QStringLiteral("limitation reminders are")),
                     escalated > 0 ? QStringLiteral(" (%1 escalated to the supervisor)").arg(escalated) : QString()),
            Tone::Warning));
    }
    d.blocks.push_back(std::move(table));
    return d;
}

// --- Caseload ---------------------------------------------------------------------------------------------------

Result<Document> FirmReports::caseload(const ReportRequest& request, const std::function<bool(int, int)>& progress)
{
    if (!m_cases.isSupervisor()) {
        return refuse(ReportKind::Caseload, QStringLiteral("run the caseload report"),
                      QStringLiteral("The caseload report is for supervisors."));
    }
    auto cases = m_cases.list();
    if (!cases) {
        return cases.error();
    }
    struct Load {
        QString name;
        std::array<int, kStageCount> open {};
        int openTotal = 0;
        int closed = 0;
    };
    std::map<QString, Load> byFeeEarner;
    std::array<int, kStageCount> openByStage {};
    int restrictedOpen = 0;
    int restrictedClosed = 0;
    const Progress step(progress, cases->size());
    for (std::size_t i = 0; i < cases->size(); ++i) {
        if (!step.at(i)) {
            return cancelled();
        }
        const CaseSummary& c = (*cases)[i];
        const bool closed = c.stage == Stage::Closed;
        if (c.restrictedPlaceholder) {
            (closed ? restrictedClosed : restrictedOpen) += 1;
            continue;
        }
        Load& load = byFeeEarner[c.feeEarner];
        load.name = c.feeEarnerName.isEmpty() ? c.feeEarner : c.feeEarnerName;
        if (closed) {
            ++load.closed;
        } else {
            const auto stage = static_cast<std::size_t>(c.stage);
            ++load.open[stage];
            ++load.openTotal;
            ++openByStage[stage];
        }
    }
    if (!step.at(cases->size())) {
        return cancelled();
    }
    std::vector<Stage> stages;  // the open stages present, in workflow order
    for (int s = 0; s < kStageCount; ++s) {
        if (openByStage[static_cast<std::size_t>(s)] > 0) {
            stages.push_back(static_cast<Stage>(s));
        }
    }
    std::vector<std::pair<QString, const Load*>> rows;
    for (const auto& [username, load] : byFeeEarner) {
        rows.emplace_back(username, &load);
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        const int byName = QString::compare(a.second->name, b.second->name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.first < b.first;
    });
    int visibleOpen = 0;
    int visibleClosed = 0;
    for (const auto& [username, load] : rows) {
        visibleOpen += load->openTotal;
        visibleClosed += load->closed;
    }
    const int open = visibleOpen + restrictedOpen;
    const int closed = visibleClosed + restrictedClosed;

    Document d = frame(ReportKind::Caseload);
    d.subtitle = QStringLiteral("As of %1 · Whole firm").arg(ukShortDate(request.asOf));
    d.blocks.push_back(Block::paragraph(
        QStringLiteral("Open cases by stage and fee earner as of %1: %2 across %3. Closed cases are counted "
                       "separately. Restricted cases you may not open are counted in one row, without their stage "
                       "or fee earner.")
            .arg(
                ukShortDate(request.asOf), count(open, QStringLiteral("open case"), QStringLiteral("open cases")),
                count(static_cast<qint64>(rows.size()), QStringLiteral("fee earner"), QStringLiteral("fee earners")))));

    // The matrix: fee earners × open stages, with the open total and the closed count.
    std::vector<Column> columns {{QStringLiteral("Fee earner"), 2.0}};
    QStringList csvColumns {QStringLiteral("fee_earner"), QStringLiteral("fee_earner_name")};
    for (const Stage s : stages) {
        columns.push_back({stageLabel(s), 1.0, Align::Right});
        csvColumns << stageId(s);
    }
    columns.push_back({QStringLiteral("Total open"), 1.0, Align::Right});
    columns.push_back({QStringLiteral("Closed"), 1.0, Align::Right});
    csvColumns << QStringLiteral("open_total") << QStringLiteral("closed");
    Block matrix = tableOf(std::move(columns), QStringLiteral("No cases."), QStringLiteral("caseload"), csvColumns);
    for (const auto& [username, load] : rows) {
        QStringList printed {load->name};
        QStringList file {username, load->name};
        for (const Stage s : stages) {
            const QString n = QString::number(load->open[static_cast<std::size_t>(s)]);
            printed << n;
            file << n;
        }
        printed << QString::number(load->openTotal) << QString::number(load->closed);
        file << QString::number(load->openTotal) << QString::number(load->closed);
        matrix.rows.push_back(printed);
        matrix.csvRows.push_back(file);
    }
    if (restrictedOpen + restrictedClosed > 0) {
        QStringList printed {kRestrictedRow};
        QStringList file {QStringLiteral("restricted"), kRestrictedRow};
        for (std::size_t i = 0; i < stages.size(); ++i) {
            printed << QString();
            file << QString();
        }
        printed << QString::number(restrictedOpen) << QString::number(restrictedClosed);
        file << QString::number(restrictedOpen) << QString::number(restrictedClosed);
        matrix.rows.push_back(printed);
        matrix.csvRows.push_back(file);
    }
    if (!matrix.rows.empty()) {
        QStringList total {QStringLiteral("Total")};
        for (const Stage s : stages) {
            total << QString::number(openByStage[static_cast<std::size_t>(s)]);
        }
        total << QString::number(open) << QString::number(closed);
        matrix.rows.push_back(total);
    }
    d.blocks.push_back(Block::heading(QStringLiteral("By fee earner")));
    d.blocks.push_back(std::move(matrix));

    Block byStage = tableOf({{QStringLiteral("Stage"), 3.0}, {QStringLiteral("Open cases"), 1.0, Align::Right}},
                            QStringLiteral("No open cases."), QStringLiteral("caseload_by_stage"),
                            {QStringLiteral("stage"), QStringLiteral("open_cases")});
    for (const Stage s : stages) {
        const QString n = QString::number(openByStage[static_cast<std::size_t>(s)]);
        byStage.rows.push_back({stageLabel(s), n});
        byStage.csvRows.push_back({stageId(s), n});
    }
    if (restrictedOpen > 0) {
        byStage.rows.push_back({kRestrictedRow, QString::number(restrictedOpen)});
        byStage.csvRows.push_back({QStringLiteral("restricted"), QString::number(restrictedOpen)});
    }
    if (!byStage.rows.empty()) {
        byStage.rows.push_back({QStringLiteral("Total open"), QString::number(open)});
    }
    d.blocks.push_back(Block::heading(QStringLiteral("By stage")));
    d.blocks.push_back(std::move(byStage));
    d.blocks.push_back(Block::fieldList(
        {{QStringLiteral("Open cases"), QString::number(open)},
         {QStringLiteral("Closed cases"), QString::number(closed)},
         {QStringLiteral("Restricted (not shown)"), QString::number(restrictedOpen + restrictedClosed)},
         {QStringLiteral("All cases"), QString::number(open + closed)}}));
    return d;
}

// --- Limitation risk --------------------------------------------------------------------------------------------

Result<Document> FirmReports::limitationRisk(const ReportRequest& request,
                                             const std::function<bool(int, int)>& progress)
{
    const User& me = m_vault.currentUser();
    const bool everyone = m_cases.isSupervisor();
    if (auto refreshed = m_deadlines.refreshStale(request.asOf); !refreshed) {
        return refreshed.error();
    }
    auto overview = m_deadlines.limitationOverview();
    if (!overview) {
        return overview.error();
    }
    auto users = m_vault.users();
    if (!users) {
        return users.error();
    }
    QHash<QString, QString> names;
    for (const User& u : *users) {
        names.insert(u.username, u.displayName);
    }
    const QDate horizon = deadlines::addCalendarMonths(request.asOf, kRiskMonths);
    std::vector<const LimitationOverviewEntry*> atRisk;
    std::vector<const LimitationOverviewEntry*> unverified;
    std::vector<const LimitationOverviewEntry*> missing;
    int verifiedLater = 0;
    const Progress step(progress, overview->size());
    for (std::size_t i = 0; i < overview->size(); ++i) {
        if (!step.at(i)) {
            return cancelled();
        }
        const LimitationOverviewEntry& e = (*overview)[i];
        if (!everyone && e.feeEarner != me.username) {
            continue;
        }
        const QDate safe = e.status.primarySafeDate;
        if (safe.isValid() && safe <= horizon) {
            atRisk.push_back(&e);
        } else if (e.status.state == LimitationState::Missing) {
            missing.push_back(&e);
        } else if (e.status.state == LimitationState::Unverified) {
            unverified.push_back(&e);
        } else {
            ++verifiedLater;
        }
    }
    if (!step.at(overview->size())) {
        return cancelled();
    }
    // Passed first (the earliest date is the oldest), then by date; cases without a date by reference.
    auto byDate = [](const LimitationOverviewEntry* a, const LimitationOverviewEntry* b) {
        const qint64 da = a->status.primarySafeDate.isValid() ? a->status.primarySafeDate.toJulianDay()
                                                              : std::numeric_limits<qint64>::max();
        const qint64 db = b->status.primarySafeDate.isValid() ? b->status.primarySafeDate.toJulianDay()
                                                              : std::numeric_limits<qint64>::max();
        return std::tie(da, a->caseReference) < std::tie(db, b->caseReference);
    };
    std::sort(atRisk.begin(), atRisk.end(), byDate);
    std::sort(unverified.begin(), unverified.end(), byDate);
    std::sort(missing.begin(), missing.end(), byDate);

    const std::vector<Column> columns {{QStringLiteral("Case"), 1.8},      {QStringLiteral("Fee earner"), 1.3},
                                       {QStringLiteral("Safe date"), 1.2}, {QStringLiteral("Days left"), 1.2},
                                       {QStringLiteral("Status"), 1.4},    {QStringLiteral("Why"), 3.2}};
    const QStringList csvColumns {
        QStringLiteral("case_reference"),    QStringLiteral("restricted"), QStringLiteral("fee_earner"),
        QStringLiteral("fee_earner_name"),   QStringLiteral("safe_on"),    QStringLiteral("days_left"),
        QStringLiteral("days_since_passed"), QStringLiteral("state"),      QStringLiteral("no_limitation_period"),
        QStringLiteral("overridden"),        QStringLiteral("why")};
    int passed = 0;
    auto fill = [&](Block& table, const std::vector<const LimitationOverviewEntry*>& entries, bool risk) {
        for (const LimitationOverviewEntry* e : entries) {
            const deadlines::LimitationStatus& st = e->status;
            const QDate safe = st.primarySafeDate;
            const qint64 days = safe.isValid() ? request.asOf.daysTo(safe) : 0;
            QString safeText = QStringLiteral("—");
            QString daysText = QStringLiteral("—");
            QStringList dayCells {QString(), QString()};
            if (safe.isValid()) {
                safeText = ukShortDate(safe);
                daysText = days < 0
                    ? QStringLiteral("Passed %1 ago").arg(count(-days, QStringLiteral("day"), QStringLiteral("days")))
                    : daysLeftText(days);
                dayCells = dayColumns(days);
            } else if (st.noLimitationPeriod) {
                safeText = QStringLiteral("No limitation period");
            }
            passed += risk && days < 0 ? 1 : 0;
            QString why;
            if (e->restricted) {
                why = kRestrictedCase;
            } else {
                QStringList parts;
                if (risk) {
                    parts << (days < 0 ? QStringLiteral("The safe date has passed: the claim needs the court's "
                                                        "discretion to go on (S33_REQUIRED).")
                                       : QStringLiteral("The safe date is within %1 months.").arg(kRiskMonths));
                }
                if (st.state == LimitationState::Verified) {
                    parts << QStringLiteral("Verified by %1.").arg(names.value(st.verifiedBy, st.verifiedBy));
                } else {
                    parts << st.why;
                }
                if (st.overridden) {
                    parts << QStringLiteral("Overridden: %1").arg(st.overrideReason);
                }
                why = parts.join(QLatin1Char(' '));
            }
            const QString name = e->restricted ? QString() : e->feeEarnerName;
            table.rows.push_back(
                {e->caseReference, name, safeText, daysText, deadlines::limitationStateLabel(st.state), why});
            table.csvRows.push_back(
                QStringList {e->caseReference, flag(e->restricted), e->feeEarner, name, iso(safe)} + dayCells
                + QStringList {stateId(st.state), flag(st.noLimitationPeriod), flag(st.overridden), why});
        }
    };
    Block risky = tableOf(
        columns,
        QStringLiteral("No case's limitation safe date has passed or falls within %1 months.").arg(kRiskMonths),
        QStringLiteral("limitation_at_risk"), csvColumns);
    fill(risky, atRisk, true);
    Block unverifiedTable = tableOf(columns, QStringLiteral("No other case's limitation date is unverified."),
                                    QStringLiteral("limitation_unverified"), csvColumns);
    fill(unverifiedTable, unverified, false);
    Block missingTable = tableOf(columns, QStringLiteral("No case is missing its limitation date."),
                                 QStringLiteral("limitation_missing"), csvColumns);
    fill(missingTable, missing, false);

    Document d = frame(ReportKind::LimitationRisk);
    d.profileName = d.title + kScopeSeparator + (everyone ? QStringLiteral("all") : QStringLiteral("mine"));
    d.subtitle
        = QStringLiteral("As of %1 · %2")
              .arg(ukShortDate(request.asOf),
                   everyone ? QStringLiteral("All open cases") : QStringLiteral("%1's cases").arg(me.displayName));
    d.blocks.push_back(Block::paragraph(
        QStringLiteral("%1 whose limitation safe date has passed or falls within %2 months of %3 (by %4), then "
                       "those whose limitation date is unverified or missing. %5 %6 verified, with a safe date "
                       "more than %2 months away, %7 not listed.")
            .arg(everyone ? QStringLiteral("Open cases") : QStringLiteral("Your open cases (as fee earner)"))
            .arg(kRiskMonths)
            .arg(ukShortDate(request.asOf), ukShortDate(horizon), QString::number(verifiedLater),
                 verifiedLater == 1 ? QStringLiteral("case") : QStringLiteral("cases"),
                 verifiedLater == 1 ? QStringLiteral("is") : QStringLiteral("are"))));
    if (passed > 0) {
        d.blocks.push_back(
            Block::notice(QStringLiteral("%1 passed the limitation safe date: listed first.")
                              .arg(count(passed, QStringLiteral("case has"), QStringLiteral("cases have"))),
                          Tone::Danger));
    }
    d.blocks.push_back(Block::heading(QStringLiteral("Passed or within %1 months").arg(kRiskMonths)));
    d.blocks.push_back(std::move(risky));
    d.blocks.push_back(Block::heading(QStringLiteral("Unverified")));
    d.blocks.push_back(std::move(unverifiedTable));
    d.blocks.push_back(Block::heading(QStringLiteral("Missing")));
    d.blocks.push_back(std::move(missingTable));
    return d;
}

// --- Therapy fund -----------------------------------------------------------------------------------------------

Result<Document> FirmReports::therapyFund(const ReportRequest& request, const std::function<bool(int, int)>& progress)
{
    if (!m_cases.isSupervisor()) {
        return refuse(ReportKind::TherapyFund, QStringLiteral("run the therapy fund position report"),
                      QStringLiteral("The therapy fund position is for supervisors."));
    }
    const int startMonth = m_therapy.yearStartMonth();
    const int year = therapy::fundYearOf(request.from.isValid() ? request.from : request.asOf, startMonth);
    auto report = m_therapy.report(year);
    if (!report) {
        return report.error();
    }
    const therapy::FundBudget& budget = report->budget;
    const QString yearLabel = therapy::fundYearLabel(year, startMonth);

    Document d = frame(ReportKind::TherapyFund);
    d.profileName = d.title + kScopeSeparator + yearLabel;
    d.subtitle = QStringLiteral("Fund year %1 (%2) · As of %3")
                     .arg(yearLabel, rangeText(budget.startsOn, budget.endsOn), ukShortDate(request.asOf));
    d.blocks.push_back(Block::paragraph(
        QStringLiteral("The therapy fund for the fund year %1 as of %2: the year's allocation, what is committed "
                       "(approved and not yet paid), paid and remaining, and every request charged to the year. "
                       "Outstanding is what has been invoiced and not yet paid. A restricted case you may not open "
                       "shows its reference only.")
            .arg(yearLabel, ukShortDate(request.asOf))));
    d.blocks.push_back(
        Block::fieldList({{QStringLiteral("Fund year"),
                           QStringLiteral("%1 (%2)").arg(yearLabel, rangeText(budget.startsOn, budget.endsOn))},
                          {QStringLiteral("Allocated"), therapy::gbp(budget.allocatedPence)},
                          {QStringLiteral("Committed"), therapy::gbp(budget.committedPence)},
                          {QStringLiteral("Paid"), therapy::gbp(budget.paidPence)},
                          {QStringLiteral("Remaining"), therapy::gbp(budget.remainingPence)},
                          {QStringLiteral("Requests"), QString::number(report->requests.size())}}));
    if (budget.remainingPence < 0) {
        d.blocks.push_back(Block::notice(QStringLiteral("The fund is over its allocation for %1 by %2 (approved with "
                                                        "budget overrides).")
                                             .arg(yearLabel, therapy::gbp(-budget.remainingPence)),
                                         Tone::Danger));
    }
    Block table = tableOf({{QStringLiteral("Case"), 1.3},
                           {QStringLiteral("Status"), 1.6},
                           {QStringLiteral("Provider"), 2.0},
                           {QStringLiteral("Cap"), 1.0, Align::Right},
                           {QStringLiteral("Paid"), 1.0, Align::Right},
                           {QStringLiteral("Outstanding"), 1.1, Align::Right}},
                          QStringLiteral("No therapy requests are charged to this fund year."),
                          QStringLiteral("therapy_requests"),
                          {QStringLiteral("request_id"), QStringLiteral("case_reference"), QStringLiteral("status"),
                           QStringLiteral("provider"), QStringLiteral("approved_sessions"), QStringLiteral("cap"),
                           QStringLiteral("invoiced"), QStringLiteral("paid"), QStringLiteral("outstanding"),
                           QStringLiteral("recovered"), QStringLiteral("written_off")});
    qint64 outstandingTotal = 0;
    const Progress step(progress, report->requests.size());
    for (std::size_t i = 0; i < report->requests.size(); ++i) {
        if (!step.at(i)) {
            return cancelled();
        }
        const therapy::ReportRow& r = report->requests[i];
        const qint64 outstanding = std::max<qint64>(r.invoicedPence - r.paidPence, 0);
        outstandingTotal += outstanding;
        table.rows.push_back({r.caseReference, therapy::statusLabel(r.status), r.provider, therapy::gbp(r.capPence),
                              therapy::gbp(r.paidPence), therapy::gbp(outstanding)});
        table.csvRows.push_back({QString::number(r.requestId), r.caseReference, therapy::statusId(r.status), r.provider,
                                 QString::number(r.approvedSessions), therapy::decimalPounds(r.capPence), therapy::decimalPounds(r.invoicedPence),
                                 therapy::decimalPounds(r.paidPence), therapy::decimalPounds(outstanding), therapy::decimalPounds(r.recoveredPence),
                                 therapy::decimalPounds(r.writtenOffPence)});
    }
    if (!step.at(report->requests.size())) {
        return cancelled();
    }
    if (!table.rows.empty()) {
        table.rows.push_back({QStringLiteral("Total"),
                              {},
                              {},
                              therapy::gbp(report->totals.capPence),
                              therapy::gbp(report->totals.paidPence),
                              therapy::gbp(outstandingTotal)});
    }
    d.blocks.push_back(Block::heading(QStringLiteral("Requests")));
    d.blocks.push_back(std::move(table));
    return d;
}

}  // namespace claimdesk::core::reports
