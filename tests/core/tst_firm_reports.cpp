// FirmReports (core/reports/FirmReports.h; issue 6): the deadline diary, the caseload, limitation risk and the therapy
// fund position as documents, on a small firm's vault (TestFirm, "today" Fri 27 Nov 2026): each report's rows for a
// known set of cases, who may run which report (refusals audited), restricted cases by reference only, the CSV's
// file form, cancelling through the progress callback, and the audit record of an output.

#include "ResultAsserts.h"
#include "TestFirm.h"

#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "reports/FirmReports.h"
#include "reports/OutputAudit.h"
#include "store/AuditLog.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"

#include <QTest>

#include <memory>

using namespace claimdesk::core;
using namespace claimdesk::core::reports;
using claimdesk::test::TestFirm;

namespace {

// One person's desk: their vault session and the services over it.
struct Desk {
    explicit Desk(Vault& v)
        : vault(v), cases(v), deadlines(v, cases), therapy(v, cases, deadlines), reports(v, cases, deadlines, therapy)
    {
    }
    Vault& vault;
    CaseService cases;
    deadlines::DeadlineService deadlines;
    therapy::TherapyService therapy;
    FirmReports reports;
};

// A client physically abused at 12 (LA 1980 s.28: the claim must be brought before the 21st birthday).
NewCase caseFor(const QString& client, const QDate& dateOfBirth, Stage stage, const QString& supervisor,
                bool restricted = false, bool withIncident = true)
{
    NewCase n;
    n.client.fullName = client;
    n.client.dateOfBirth = dateOfBirth;
    n.supervisor = supervisor;
    n.stage = stage;
    n.restricted = restricted;
    n.safeguarding.suicidalThoughts = SuicidalThoughts::None;
    if (withIncident) {
        Incident incident;
        incident.start = dateOfBirth.addYears(12);
        incident.abuseTypes = QStringList {QStringLiteral("physical")};
        incident.region = Region::EnglandWales;
        n.incidents.push_back(incident);
    }
    return n;
}

// The firm's cases, as of Fri 27 Nov 2026 (limitation horizon of the risk report: 27 May 2027):
//   A  sol, Investigation   born 2 Jan 2006    safe Thu 31 Dec 2026 (1 month)       unverified
//   B  sol, Investigation   born 2 May 2006    safe Fri 30 Apr 2027 (5 months)      unverified
//   C  oli, Letter of claim born 1 Jul 2006    safe Wed 30 Jun 2027 (7 months)      verified by Sam
//   D  pat, Enquiry         born 2 Jan 2004    safe Tue 31 Dec 2024 (passed)        unverified
//   E  sol, Intake          no incident        missing
//   F  oli, Proceedings     born 2 Jan 2006    safe Thu 31 Dec 2026, RESTRICTED (Sam may not open it)
//   G  sol, Closed          born 2 Jan 2006    closed: in no report but the caseload's closed count
//   H  sol, Investigation   born 16 Aug 2006   safe Fri 13 Aug 2027 (8½ months)     unverified
// Manual deadlines: B "Exchange schedules" 20 Nov (overdue), A "Chase GP records" 3 Dec, C "File directions
// questionnaire" 4 Dec, F "Serve witness statements" 8 Dec, B "=HYPERLINK(…)" 10 Dec.
struct Firm {
    TestFirm firm;
    Desk sam {firm.supervisor()};
    Desk sol {firm.solicitor()};
    Desk oli {firm.outsider()};
    Desk pat {firm.paralegal()};
    Desk ada {firm.admin()};
    CaseRecord a, b, c, d, e, f, g, h;

    static inline const QString kFormula = QStringLiteral("=HYPERLINK(\"http://evil.example\",\"Click\")");

    bool setUp()
    {
        auto make = [](Desk& desk, const NewCase& n, CaseRecord& out) {
            auto created = desk.cases.create(n);
            if (!created) {
                qWarning("creating a case failed: %s", qPrintable(created.error().message));
                return false;
            }
            out = *created;
            auto computed = desk.deadlines.recompute(out.id, TestFirm::today());
            if (!computed) {
                qWarning("computing %s failed: %s", qPrintable(out.reference), qPrintable(computed.error().message));
            }
            return computed.ok();
        };
        const QString theSupervisor = QStringLiteral("sam");
        bool ok
            = make(sol,
                   caseFor(QStringLiteral("Alice Aardvark"), QDate(2006, 1, 2), Stage::Investigation, theSupervisor), a)
            && make(sol,
                    caseFor(QStringLiteral("Bella Badger"), QDate(2006, 5, 2), Stage::Investigation, theSupervisor), b)
            && make(oli, caseFor(QStringLiteral("Carys Crow"), QDate(2006, 7, 1), Stage::LetterOfClaim, theSupervisor),
                    c)
            && make(pat, caseFor(QStringLiteral("Dylan Dormouse"), QDate(2004, 1, 2), Stage::Enquiry, theSupervisor), d)
            && make(sol,
                    caseFor(QStringLiteral("Eve Eagle"), QDate(1990, 6, 1), Stage::Intake, theSupervisor, false, false),
                    e)
            && make(oli, caseFor(QStringLiteral("Fern Ferret"), QDate(2006, 1, 2), Stage::Proceedings, {}, true), f)
            && make(sol, caseFor(QStringLiteral("Gil Gannet"), QDate(2006, 1, 2), Stage::Closed, theSupervisor), g)
            && make(sol, caseFor(QStringLiteral("Hana Heron"), QDate(2006, 8, 16), Stage::Investigation, theSupervisor),
                    h);
        // Each step a second after the one before, as people work (the audit trail then reads in order).
        auto check = [this](const char* what, const auto& result) {
            firm.clock().advanceSeconds(1);
            if (!result) {
                qWarning("%s failed: %s", what, qPrintable(result.error().message));
            }
            return result.ok();
        };
        ok = ok && check("verifying C", sam.deadlines.verifyLimitation(c.id));
        ok = ok
            && check(
                 "B 20 Nov",
                 sol.deadlines.addManualDeadline(b.id, QStringLiteral("Exchange schedules"), QDate(2026, 11, 20), {}))
            && check("A 3 Dec",
                     sol.deadlines.addManualDeadline(a.id, QStringLiteral("Chase GP records"), QDate(2026, 12, 3), {}))
            && check("C 4 Dec",
                     oli.deadlines.addManualDeadline(c.id, QStringLiteral("File directions questionnaire"),
                                                     QDate(2026, 12, 4), {}))
            && check("F 8 Dec",
                     oli.deadlines.addManualDeadline(f.id, QStringLiteral("Serve witness statements"),
                                                     QDate(2026, 12, 8), {}))
            && check("B 10 Dec", sol.deadlines.addManualDeadline(b.id, kFormula, QDate(2026, 12, 10), {}));
        ok = ok
            && check("firm name",
                     ada.vault.setSetting(QStringLiteral("firm.name"), QStringLiteral("Example & Co LLP")));
        return ok;
    }

    QStringList clientNames() const
    {
        return {QStringLiteral("Aardvark"), QStringLiteral("Badger"), QStringLiteral("Crow"),
                QStringLiteral("Dormouse"), QStringLiteral("Eagle"),  QStringLiteral("Ferret"),
                QStringLiteral("Gannet"),   QStringLiteral("Heron")};
    }
};

ReportRequest requestFor(ReportKind kind, const QString& feeEarner = {})
{
    ReportRequest r;
    r.kind = kind;
    r.feeEarner = feeEarner;
    r.asOf = TestFirm::today();
    return r;
}

// The document's tables, in order.
std::vector<const Block*> tablesOf(const Document& document)
{
    std::vector<const Block*> tables;
    for (const Block& b : document.blocks) {
        if (b.kind == Block::Kind::Table) {
            tables.push_back(&b);
        }
    }
    return tables;
}

std::vector<const Block*> noticesOf(const Document& document, Tone tone)
{
    std::vector<const Block*> notices;
    for (const Block& b : document.blocks) {
        if (b.kind == Block::Kind::Notice && b.tone == tone) {
            notices.push_back(&b);
        }
    }
    return notices;
}

// Column `column` of every row, for comparing a whole column at once.
QStringList columnOf(const std::vector<QStringList>& rows, int column)
{
    QStringList out;
    for (const QStringList& row : rows) {
        out << row.value(column);
    }
    return out;
}

int deniedCount(Vault& vault, const QString& kindId)
{
    auto entries = AuditLog::listFor(vault.connection(), QStringLiteral("report"), kindId);
    int n = 0;
    if (entries) {
        for (const AuditEntry& entry : *entries) {
            n += entry.action == QStringLiteral("permission.denied") ? 1 : 0;
        }
    }
    return n;
}

}  // namespace

class TestFirmReports : public QObject {
    Q_OBJECT

private slots:
    void kindIds_data();
    void kindIds();
    void whoMayRunWhat_data();
    void whoMayRunWhat();
    void teamDiaryListsOverdueFirstByReferenceOnly();
    void ownDiaryAndAnotherFeeEarnersDiary();
    void diaryCsvHasIsoDatesAndNeutralisedFormulas();
    void diaryRangeIsChecked();
    void caseloadByStageAndFeeEarner();
    void limitationRiskForTheFirm();
    void limitationRiskForAFeeEarnerIsTheirOwnCases();
    void limitationOverviewIsOneRowPerOpenCase();
    void therapyFundPosition();
    void progressIsReportedAndCancels();
    void outputRecordNamesScopeFormatAndRows();
};

void TestFirmReports::kindIds_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("title");
    QTest::addRow("diary") << int(ReportKind::Diary) << "diary"
                           << "Deadline diary";
    QTest::addRow("caseload") << int(ReportKind::Caseload) << "caseload"
                              << "Caseload";
    QTest::addRow("limitation risk") << int(ReportKind::LimitationRisk) << "limitation-risk"
                                     << "Limitation risk";
    QTest::addRow("therapy fund") << int(ReportKind::TherapyFund) << "therapy-fund"
                                  << "Therapy fund position";
}

void TestFirmReports::kindIds()
{
    QFETCH(int, kind);
    QFETCH(QString, id);
    QFETCH(QString, title);
    QCOMPARE(reportKindId(ReportKind(kind)), id);
    QCOMPARE(reportKindTitle(ReportKind(kind)), title);
    QVERIFY(reportKindFromId(id).has_value());
    QCOMPARE(int(*reportKindFromId(id)), kind);
    QVERIFY(!reportKindFromId(id.toUpper()).has_value());
    QVERIFY(!reportKindFromId(QString()).has_value());
}

void TestFirmReports::whoMayRunWhat_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("feeEarner");
    QTest::addColumn<bool>("allowed");
    const struct {
        const char* user;
        const char* role;
    } people[] = {{"ada", "admin"}, {"sam", "supervisor"}, {"sol", "solicitor"}, {"pat", "paralegal"}};
    // Admin: no case content, so no report. Supervisor: everything. Fee earners: their own diary and their own
    // limitation risk only.
    const bool table[4][4] = {
        // diary, caseload, limitation risk, therapy fund
        {false, false, false, false},
        {true, true, true, true},
        {true, false, true, false},
        {true, false, true, false},
    };
    for (int p = 0; p < 4; ++p) {
        for (const ReportKind kind :
             {ReportKind::Diary, ReportKind::Caseload, ReportKind::LimitationRisk, ReportKind::TherapyFund}) {
            const bool allowed = table[p][int(kind)];
            QTest::addRow("%s, %s: %s", people[p].role, qPrintable(reportKindId(kind)), allowed ? "allowed" : "denied")
                << QString::fromLatin1(people[p].user) << int(kind) << QString() << allowed;
        }
    }
    QTest::addRow("solicitor, another fee earner's diary: denied") << "sol" << int(ReportKind::Diary) << "oli" << false;
    QTest::addRow("paralegal, own diary by username: allowed") << "pat" << int(ReportKind::Diary) << "pat" << true;
    QTest::addRow("supervisor, a fee earner's diary: allowed") << "sam" << int(ReportKind::Diary) << "sol" << true;
}

void TestFirmReports::whoMayRunWhat()
{
    QFETCH(QString, user);
    QFETCH(int, kind);
    QFETCH(QString, feeEarner);
    QFETCH(bool, allowed);
    TestFirm firm;
    Desk desk(firm.session(user));
    const QString id = reportKindId(ReportKind(kind));
    const int deniedBefore = deniedCount(desk.vault, id);
    auto built = desk.reports.build(requestFor(ReportKind(kind), feeEarner));
    if (allowed) {
        QVERIFY_OK(built);
        QCOMPARE(built->title, reportKindTitle(ReportKind(kind)));
        QCOMPARE(deniedCount(desk.vault, id), deniedBefore);
    } else {
        QCOMPARE_ERROR(built, ErrorCode::PermissionDenied);
        QVERIFY(!built.error().message.isEmpty());
        // Recorded once, as permission.denied about the report, by the user who tried.
        QCOMPARE(deniedCount(desk.vault, id), deniedBefore + 1);
        auto entries = AuditLog::listFor(desk.vault.connection(), QStringLiteral("report"), id);
        QVERIFY_OK(entries);
        QCOMPARE(entries->back().username, user);
        QCOMPARE(entries->back().action, QStringLiteral("permission.denied"));
    }
}

void TestFirmReports::teamDiaryListsOverdueFirstByReferenceOnly()
{
    Firm f;
    QVERIFY(f.setUp());
    auto built = f.sam.reports.build(requestFor(ReportKind::Diary));
    QVERIFY_OK(built);
    const Document& doc = *built;
    QCOMPARE(doc.title, QStringLiteral("Deadline diary"));
    QCOMPARE(doc.subtitle, QStringLiteral("27 Nov 2026 – 24 Dec 2026 · Whole team"));
    QCOMPARE(doc.profileName, QStringLiteral("Deadline diary — team"));
    QCOMPARE(doc.marking, QStringLiteral("PRIVATE & CONFIDENTIAL — LEGALLY PRIVILEGED"));
    QCOMPARE(doc.firmName, QStringLiteral("Example & Co LLP"));
    QCOMPARE(doc.printedBy, QStringLiteral("Sam Supervisor"));
    QCOMPARE(doc.printedAtUtc, f.firm.clock().nowUtc());
    QVERIFY(doc.watermark.isEmpty());
    QVERIFY(doc.reference.isEmpty());
    QCOMPARE(doc.blocks.front().kind, Block::Kind::Paragraph);
    QVERIFY(doc.blocks.front().text.contains(QStringLiteral("as of 27 Nov 2026")));

    const auto tables = tablesOf(doc);
    QCOMPARE(tables.size(), std::size_t {1});
    const Block& t = *tables.front();
    QCOMPARE(t.csvName, QStringLiteral("diary"));
    QCOMPARE(t.columns.size(), std::size_t {7});
    // Five manual deadlines, plus the limitation reminders waiting for acknowledgment on A (3 months before
    // 31 Dec), B (6 months before 30 Apr), C (12 months before 30 Jun) and H (12 months before 13 Aug). F is
    // restricted (no reminder shown), D's date has passed (limitation-risk report), G is closed, E has no date.
    const QStringList due {QStringLiteral("20 Nov 2026"), QStringLiteral("3 Dec 2026"),  QStringLiteral("4 Dec 2026"),
                           QStringLiteral("8 Dec 2026"),  QStringLiteral("10 Dec 2026"), QStringLiteral("31 Dec 2026"),
                           QStringLiteral("30 Apr 2027"), QStringLiteral("30 Jun 2027"), QStringLiteral("13 Aug 2027")};
    QCOMPARE(columnOf(t.rows, 0), due);
    QCOMPARE(columnOf(t.rows, 1),
             (QStringList {QStringLiteral("7 days overdue"), QStringLiteral("6 days"), QStringLiteral("7 days"),
                           QStringLiteral("11 days"), QStringLiteral("13 days"), QStringLiteral("34 days"),
                           QStringLiteral("154 days"), QStringLiteral("215 days"), QStringLiteral("259 days")}));
    QCOMPARE(columnOf(t.rows, 2),
             (QStringList {f.b.reference, f.a.reference, f.c.reference, f.f.reference, f.b.reference, f.a.reference,
                           f.b.reference, f.c.reference, f.h.reference}));
    QCOMPARE(t.rows[0],
             (QStringList {QStringLiteral("20 Nov 2026"), QStringLiteral("7 days overdue"), f.b.reference,
                           QStringLiteral("Exchange schedules"), QStringLiteral("Us"), QStringLiteral("Sol Solicitor"),
                           QString()}));
    QCOMPARE(t.rows[2].at(5), QStringLiteral("Oli Other"));
    // The restricted case: its reference and date only.
    QCOMPARE(t.rows[3],
             (QStringList {QStringLiteral("8 Dec 2026"), QStringLiteral("11 days"), f.f.reference,
                           QStringLiteral("Restricted case"), QString(), QString(), QString()}));
    // A's "3 months" rung fell due on 30 Sep and was not acknowledged by the next business day: escalated.
    QCOMPARE(t.rows[5].at(6), QStringLiteral("Escalated to supervisor — 3 months reminder"));
    QCOMPARE(t.csvRows.size(), t.rows.size());

    const auto danger = noticesOf(doc, Tone::Danger);
    QCOMPARE(danger.size(), std::size_t {1});
    QCOMPARE(danger.front()->text, QStringLiteral("1 deadline is overdue: listed first."));
    const auto warning = noticesOf(doc, Tone::Warning);
    QCOMPARE(warning.size(), std::size_t {1});
    QVERIFY2(warning.front()->text.startsWith(QStringLiteral("4 limitation reminders are waiting")),
             qPrintable(warning.front()->text));

    // Never a client's name, nor the restricted case's deadline.
    const QString text = doc.plainText();
    for (const QString& name : f.clientNames()) {
        QVERIFY2(!text.contains(name), qPrintable(name));
    }
    QVERIFY(!text.contains(QStringLiteral("Serve witness statements")));
    QVERIFY(!QString::fromUtf8(toCsv(doc)).contains(QStringLiteral("Serve witness statements")));
}

void TestFirmReports::ownDiaryAndAnotherFeeEarnersDiary()
{
    Firm f;
    QVERIFY(f.setUp());
    // A solicitor's diary is their own cases: A, B and H (E has no date, G is closed).
    auto own = f.sol.reports.build(requestFor(ReportKind::Diary));
    QVERIFY_OK(own);
    QCOMPARE(own->profileName, QStringLiteral("Deadline diary — mine"));
    QCOMPARE(own->subtitle, QStringLiteral("27 Nov 2026 – 24 Dec 2026 · Sol Solicitor"));
    QCOMPARE(columnOf(tablesOf(*own).front()->rows, 2),
             (QStringList {f.b.reference, f.a.reference, f.b.reference, f.a.reference, f.b.reference, f.h.reference}));

    // A supervisor's view of Oli's diary: C, and Oli's restricted case F by reference only.
    auto olis = f.sam.reports.build(requestFor(ReportKind::Diary, QStringLiteral("OLI")));
    QVERIFY_OK(olis);
    QCOMPARE(olis->profileName, QStringLiteral("Deadline diary — oli"));
    QCOMPARE(olis->subtitle, QStringLiteral("27 Nov 2026 – 24 Dec 2026 · Oli Other"));
    const Block& t = *tablesOf(*olis).front();
    QCOMPARE(columnOf(t.rows, 2), (QStringList {f.c.reference, f.f.reference, f.c.reference}));
    QCOMPARE(t.rows[0].at(3), QStringLiteral("File directions questionnaire"));
    QCOMPARE(t.rows[1].at(3), QStringLiteral("Restricted case"));
    QCOMPARE(t.rows[2].at(0), QStringLiteral("30 Jun 2027"));  // C's limitation date, its 12-month reminder waiting
    QCOMPARE(t.rows[2].at(6), QStringLiteral("Escalated to supervisor — 12 months reminder"));
    QVERIFY(noticesOf(*olis, Tone::Danger).empty());  // nothing of Oli's is overdue

    // An unknown fee earner is not a permission problem: NotFound, nothing recorded.
    const int before = deniedCount(f.sam.vault, QStringLiteral("diary"));
    QCOMPARE_ERROR(f.sam.reports.build(requestFor(ReportKind::Diary, QStringLiteral("nobody"))), ErrorCode::NotFound);
    QCOMPARE(deniedCount(f.sam.vault, QStringLiteral("diary")), before);
}

void TestFirmReports::diaryCsvHasIsoDatesAndNeutralisedFormulas()
{
    Firm f;
    QVERIFY(f.setUp());
    auto built = f.sam.reports.build(requestFor(ReportKind::Diary));
    QVERIFY_OK(built);
    const Block& t = *tablesOf(*built).front();
    QCOMPARE(t.csvColumns.size(), 15);
    QCOMPARE(t.csvColumns.mid(0, 5),
             (QStringList {QStringLiteral("due_on"), QStringLiteral("days_left"), QStringLiteral("days_overdue"),
                           QStringLiteral("case_reference"), QStringLiteral("restricted")}));
    // Overdue: no negative number (the CSV writer would quote it as text), the days in their own column.
    QCOMPARE(t.csvRows[0].mid(0, 4),
             (QStringList {QStringLiteral("2026-11-20"), QString(), QStringLiteral("7"), f.b.reference}));
    QCOMPARE(t.csvRows[1].mid(0, 3), (QStringList {QStringLiteral("2026-12-03"), QStringLiteral("6"), QString()}));
    QCOMPARE(t.csvRows[4].at(7), Firm::kFormula);
    QCOMPARE(t.csvRows[3].at(4), QStringLiteral("true"));  // restricted
    QCOMPARE(t.csvRows[3].at(7), QStringLiteral("Restricted case"));

    const QByteArray csv = toCsv(*built);
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    const QString text = QString::fromUtf8(csv.mid(3));
    const QStringList lines = text.split(QStringLiteral("\r\n"));
    // The formula is written as text: a quote in front of the '='.
    const QString formulaLine = lines.filter(QStringLiteral("HYPERLINK")).value(0);
    QVERIFY2(formulaLine.contains(QStringLiteral("\"'=HYPERLINK(")), qPrintable(formulaLine));
    QVERIFY(formulaLine.startsWith(QStringLiteral("2026-12-10,13,,") + f.b.reference
                                   + QStringLiteral(",false,manual,MANUAL,")));
    QVERIFY(lines.contains(QStringLiteral("diary")));
    QVERIFY(text.contains(QStringLiteral("2026-11-20,,7,") + f.b.reference));
    QVERIFY(!text.contains(QStringLiteral("20 Nov 2026,")));
    for (const QString& name : f.clientNames()) {
        QVERIFY2(!text.contains(name), qPrintable(name));
    }
}

void TestFirmReports::diaryRangeIsChecked()
{
    Firm f;
    QVERIFY(f.setUp());
    ReportRequest r = requestFor(ReportKind::Diary);
    r.from = QDate(2026, 12, 5);
    r.to = QDate(2026, 12, 4);
    QCOMPARE_ERROR(f.sam.reports.build(r), ErrorCode::InvalidInput);
    // 5–9 Dec: the overdue deadline and the waiting reminders stay; 3 and 4 Dec (not overdue, before the range) and
    // 10 Dec (after it) go.
    r.to = QDate(2026, 12, 9);
    auto built = f.sam.reports.build(r);
    QVERIFY_OK(built);
    QCOMPARE(built->subtitle, QStringLiteral("5 Dec 2026 – 9 Dec 2026 · Whole team"));
    QCOMPARE(
        columnOf(tablesOf(*built).front()->rows, 0),
        (QStringList {QStringLiteral("20 Nov 2026"), QStringLiteral("8 Dec 2026"), QStringLiteral("31 Dec 2026"),
                      QStringLiteral("30 Apr 2027"), QStringLiteral("30 Jun 2027"), QStringLiteral("13 Aug 2027")}));
}

void TestFirmReports::caseloadByStageAndFeeEarner()
{
    Firm f;
    QVERIFY(f.setUp());
    auto built = f.sam.reports.build(requestFor(ReportKind::Caseload));
    QVERIFY_OK(built);
    QCOMPARE(built->subtitle, QStringLiteral("As of 27 Nov 2026 · Whole firm"));
    QCOMPARE(built->profileName, QStringLiteral("Caseload"));
    const auto tables = tablesOf(*built);
    QCOMPARE(tables.size(), std::size_t {2});
    const Block& matrix = *tables[0];
    QStringList header;
    for (const Column& c : matrix.columns) {
        header << c.title;
    }
    QCOMPARE(header,
             (QStringList {QStringLiteral("Fee earner"), stageLabel(Stage::Enquiry), stageLabel(Stage::Intake),
                           stageLabel(Stage::Investigation), stageLabel(Stage::LetterOfClaim),
                           QStringLiteral("Total open"), QStringLiteral("Closed")}));
    // Sam may not open Oli's restricted case F (Proceedings): counted without its stage or fee earner.
    const std::vector<QStringList> expected {
        {QStringLiteral("Oli Other"), QStringLiteral("0"), QStringLiteral("0"), QStringLiteral("0"),
         QStringLiteral("1"), QStringLiteral("1"), QStringLiteral("0")},
        {QStringLiteral("Pat Paralegal"), QStringLiteral("1"), QStringLiteral("0"), QStringLiteral("0"),
         QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("0")},
        {QStringLiteral("Sol Solicitor"), QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("3"),
         QStringLiteral("0"), QStringLiteral("4"), QStringLiteral("1")},
        {QStringLiteral("Restricted (not shown)"), QString(), QString(), QString(), QString(), QStringLiteral("1"),
         QStringLiteral("0")},
        {QStringLiteral("Total"), QStringLiteral("1"), QStringLiteral("1"), QStringLiteral("3"), QStringLiteral("1"),
         QStringLiteral("7"), QStringLiteral("1")},
    };
    QCOMPARE(matrix.rows, expected);
    QCOMPARE(matrix.csvColumns,
             (QStringList {QStringLiteral("fee_earner"), QStringLiteral("fee_earner_name"), stageId(Stage::Enquiry),
                           stageId(Stage::Intake), stageId(Stage::Investigation), stageId(Stage::LetterOfClaim),
                           QStringLiteral("open_total"), QStringLiteral("closed")}));
    QCOMPARE(matrix.csvRows.size(), std::size_t {4});  // no total row in the file
    QCOMPARE(matrix.csvRows[2].mid(0, 2), (QStringList {QStringLiteral("sol"), QStringLiteral("Sol Solicitor")}));
    QCOMPARE(matrix.csvRows[3].at(0), QStringLiteral("restricted"));
    QVERIFY(!built->plainText().contains(stageLabel(Stage::Proceedings)));

    const Block& byStage = *tables[1];
    QCOMPARE(byStage.rows,
             (std::vector<QStringList> {{stageLabel(Stage::Enquiry), QStringLiteral("1")},
                                        {stageLabel(Stage::Intake), QStringLiteral("1")},
                                        {stageLabel(Stage::Investigation), QStringLiteral("3")},
                                        {stageLabel(Stage::LetterOfClaim), QStringLiteral("1")},
                                        {QStringLiteral("Restricted (not shown)"), QStringLiteral("1")},
                                        {QStringLiteral("Total open"), QStringLiteral("7")}}));
    QCOMPARE(byStage.csvRows.front(), (QStringList {stageId(Stage::Enquiry), QStringLiteral("1")}));
    const QString text = built->plainText();
    QVERIFY(text.contains(QStringLiteral("Closed cases: 1")));
    QVERIFY(text.contains(QStringLiteral("All cases: 8")));
}

void TestFirmReports::limitationRiskForTheFirm()
{
    Firm f;
    QVERIFY(f.setUp());
    auto built = f.sam.reports.build(requestFor(ReportKind::LimitationRisk));
    QVERIFY_OK(built);
    QCOMPARE(built->profileName, QStringLiteral("Limitation risk — all"));
    QCOMPARE(built->subtitle, QStringLiteral("As of 27 Nov 2026 · All open cases"));
    const auto tables = tablesOf(*built);
    QCOMPARE(tables.size(), std::size_t {3});
    const Block& risk = *tables[0];
    QCOMPARE(risk.csvName, QStringLiteral("limitation_at_risk"));
    // Passed first, then by date: D (passed), A and F (31 Dec, by reference), B (5 months out). C (7 months out,
    // verified) is in no table; H (8½ months, unverified) is only in the unverified table.
    QStringList expectedRefs {f.d.reference, f.a.reference, f.f.reference, f.b.reference};
    std::sort(expectedRefs.begin() + 1, expectedRefs.begin() + 3);
    QCOMPARE(columnOf(risk.rows, 0), expectedRefs);
    QCOMPARE(columnOf(risk.rows, 2),
             (QStringList {QStringLiteral("31 Dec 2024"), QStringLiteral("31 Dec 2026"), QStringLiteral("31 Dec 2026"),
                           QStringLiteral("30 Apr 2027")}));
    QCOMPARE(risk.rows[0].at(1), QStringLiteral("Pat Paralegal"));
    QCOMPARE(risk.rows[0].at(3), QStringLiteral("Passed 696 days ago"));
    QCOMPARE(risk.rows[0].at(4), QStringLiteral("Unverified"));
    QVERIFY(risk.rows[0].at(5).contains(QStringLiteral("S33_REQUIRED")));
    QCOMPARE(risk.rows[3].at(3), QStringLiteral("154 days"));
    QVERIFY(risk.rows[3].at(5).contains(QStringLiteral("within 6 months")));
    const QStringList restrictedRow = risk.rows[f.a.reference < f.f.reference ? 2 : 1];
    QCOMPARE(restrictedRow,
             (QStringList {f.f.reference, QString(), QStringLiteral("31 Dec 2026"), QStringLiteral("34 days"),
                           QStringLiteral("Unverified"), QStringLiteral("Restricted case")}));
    // File form: ISO date, days past in their own column, the state's id.
    QCOMPARE(
        risk.csvRows[0],
        (QStringList {f.d.reference, QStringLiteral("false"), QStringLiteral("pat"), QStringLiteral("Pat Paralegal"),
                      QStringLiteral("2024-12-31"), QString(), QStringLiteral("696"), QStringLiteral("unverified"),
                      QStringLiteral("false"), QStringLiteral("false"), risk.rows[0].at(5)}));

    const Block& unverified = *tables[1];
    QCOMPARE(columnOf(unverified.rows, 0), QStringList {f.h.reference});
    QCOMPARE(unverified.rows[0].at(2), QStringLiteral("13 Aug 2027"));
    const Block& missing = *tables[2];
    QCOMPARE(columnOf(missing.rows, 0), QStringList {f.e.reference});
    QCOMPARE(missing.rows[0].at(4), QStringLiteral("Missing"));
    QCOMPARE(missing.rows[0].at(2), QStringLiteral("—"));

    const auto danger = noticesOf(*built, Tone::Danger);
    QCOMPARE(danger.size(), std::size_t {1});
    QCOMPARE(danger.front()->text, QStringLiteral("1 case has passed the limitation safe date: listed first."));
    QVERIFY2(built->blocks.front().text.contains(
                 QStringLiteral("1 case verified, with a safe date more than 6 months away, is not listed.")),
             qPrintable(built->blocks.front().text));
    const QString text = built->plainText();
    QVERIFY(!text.contains(f.c.reference));
    QVERIFY(!text.contains(f.g.reference));
    for (const QString& name : f.clientNames()) {
        QVERIFY2(!text.contains(name), qPrintable(name));
    }
}

void TestFirmReports::limitationRiskForAFeeEarnerIsTheirOwnCases()
{
    Firm f;
    QVERIFY(f.setUp());
    auto built = f.sol.reports.build(requestFor(ReportKind::LimitationRisk));
    QVERIFY_OK(built);
    QCOMPARE(built->profileName, QStringLiteral("Limitation risk — mine"));
    QCOMPARE(built->subtitle, QStringLiteral("As of 27 Nov 2026 · Sol Solicitor's cases"));
    const auto tables = tablesOf(*built);
    QCOMPARE(columnOf(tables[0]->rows, 0), (QStringList {f.a.reference, f.b.reference}));
    QCOMPARE(columnOf(tables[1]->rows, 0), QStringList {f.h.reference});
    QCOMPARE(columnOf(tables[2]->rows, 0), QStringList {f.e.reference});
    QVERIFY(noticesOf(*built, Tone::Danger).empty());
}

void TestFirmReports::limitationOverviewIsOneRowPerOpenCase()
{
    Firm f;
    QVERIFY(f.setUp());
    auto overview = f.sam.deadlines.limitationOverview();
    QVERIFY_OK(overview);
    QCOMPARE(overview->size(), std::size_t {7});  // every case but the closed one
    for (const auto& entry : *overview) {
        QVERIFY(entry.caseReference != f.g.reference);
        if (entry.caseReference == f.f.reference) {
            QVERIFY(entry.restricted);
            QVERIFY(entry.feeEarner.isEmpty());
            QVERIFY(entry.status.why.isEmpty());
            QCOMPARE(entry.status.primarySafeDate, QDate(2026, 12, 31));
        } else if (entry.caseReference == f.c.reference) {
            QCOMPARE(entry.status.state, deadlines::LimitationState::Verified);
            QCOMPARE(entry.status.verifiedBy, QStringLiteral("sam"));
            QCOMPARE(entry.feeEarnerName, QStringLiteral("Oli Other"));
        }
        // The same answer as the per-case query for every case Sam may open.
        if (!entry.restricted) {
            auto one = f.sam.deadlines.limitationStatus(entry.status.caseId);
            QVERIFY_OK(one);
            QCOMPARE(int(one->state), int(entry.status.state));
            QCOMPARE(one->primarySafeDate, entry.status.primarySafeDate);
        }
    }
    // The unverified queue is the overview's unverified and missing cases Sam may open.
    auto queue = f.sam.deadlines.unverifiedQueue();
    QVERIFY_OK(queue);
    QStringList refs;
    for (const auto& [reference, status] : *queue) {
        refs << reference;
    }
    refs.sort();
    QStringList expected {f.a.reference, f.b.reference, f.d.reference, f.e.reference, f.h.reference};
    expected.sort();
    QCOMPARE(refs, expected);
    QCOMPARE_ERROR(f.ada.deadlines.limitationOverview(), ErrorCode::PermissionDenied);
}

void TestFirmReports::therapyFundPosition()
{
    using namespace claimdesk::core::therapy;
    TestFirm firm;
    Desk sol(firm.solicitor());
    Desk sam(firm.supervisor());
    auto theCase = sol.cases.create(
        caseFor(QStringLiteral("Tara Tern"), QDate(1990, 5, 14), Stage::Investigation, QStringLiteral("sam")));
    QVERIFY_OK(theCase);
    Provider p;
    p.name = QStringLiteral("Dr Rowan Therapist");
    p.organisation = QStringLiteral("Northern Trauma Clinic");
    p.professionalBody = QStringLiteral("HCPC");
    p.registrationNumber = QStringLiteral("PYL01234");
    p.contact = QStringLiteral("01632 960000");
    p.paymentTermsDays = 30;
    p.bankAccountName = QStringLiteral("Northern Trauma Clinic Ltd");
    p.bankSortCode = QStringLiteral("12-34-56");
    p.bankAccountNumber = QStringLiteral("12345678");
    auto provider = sol.therapy.saveProvider(p);
    QVERIFY_OK(provider);
    QVERIFY_OK(sam.therapy.verifyProviderBank(provider->id, provider->version));
    QVERIFY_OK(sam.therapy.setAllocation(2026, 500'000, {}));

    TherapyRequest draft;
    draft.caseId = theCase->id;
    draft.providerId = provider->id;
    draft.funding = FundingRoute::FirmFund;
    draft.recommendation = QStringLiteral("Dr A. Expert, report of 2 Oct 2026, para 41");
    draft.diagnosis = QStringLiteral("Complex PTSD");
    draft.modality = Modality::TraumaFocusedCbt;
    draft.sessionMinutes = 50;
    draft.delivery = Delivery::InPerson;
    draft.frequency = QStringLiteral("weekly");
    draft.sessionsRequested = 10;
    draft.costPerSessionPence = 9000;
    draft.feesPence = 15000;
    draft.recoverabilityAgreed = true;
    // Approved: 10 × £90 + £150 = £1,050; four sessions invoiced and paid (£360), two invoiced and unpaid (£180).
    auto a = sol.therapy.createRequest(draft);
    QVERIFY_OK(a);
    for (RequestStatus to : {RequestStatus::Submitted, RequestStatus::ClinicalCheck, RequestStatus::QuoteObtained,
                             RequestStatus::AwaitingApproval}) {
        a = sol.therapy.transition(a->id, to, a->version);
        QVERIFY_OK(a);
    }
    ApprovalInput approval;
    approval.sessions = 10;
    a = sam.therapy.approve(a->id, approval, a->version);
    QVERIFY_OK(a);
    for (RequestStatus to : {RequestStatus::ProviderInstructed, RequestStatus::InTherapy}) {
        a = sol.therapy.transition(a->id, to, a->version);
        QVERIFY_OK(a);
    }
    for (int i = 0; i < 6; ++i) {
        firm.clock().advanceSeconds(7 * 86400);
        TherapySession s;
        s.heldOn = firm.clock().nowUtc().date();
        s.outcome = SessionOutcome::Attended;
        s.charged = true;
        QVERIFY_OK(sol.therapy.logSession(a->id, s));
    }
    auto invoice = [&](const QString& number, int sessions, qint64 amount) {
        Invoice inv;
        inv.number = number;
        inv.invoiceDate = firm.clock().nowUtc().date();
        inv.receivedOn = inv.invoiceDate;
        inv.periodFrom = inv.invoiceDate.addDays(-42);
        inv.periodTo = inv.invoiceDate;
        inv.sessionsCovered = sessions;
        inv.amountPence = amount;
        inv.checkedAgainstSessions = true;
        return sol.therapy.addInvoice(a->id, inv);
    };
    auto first = invoice(QStringLiteral("A-1"), 4, 36000);
    QVERIFY_OK(first);
    Payment pay;
    pay.paidOn = firm.clock().nowUtc().date();
    pay.amountPence = 36000;
    pay.method = QStringLiteral("BACS");
    pay.reference = QStringLiteral("CLAIMDESK-THERAPY");
    pay.paidFrom = QStringLiteral("office account");
    QVERIFY_OK(sam.therapy.pay(first->id, pay));
    QVERIFY_OK(invoice(QStringLiteral("A-2"), 2, 18000));
    // A second request, still a draft: no cap yet.
    auto b = sol.therapy.createRequest(draft);
    QVERIFY_OK(b);

    ReportRequest r = requestFor(ReportKind::TherapyFund);
    r.asOf = firm.clock().nowUtc().date();  // 8 Jan 2027: still fund year 2026/27
    auto built = sam.reports.build(r);
    QVERIFY_OK(built);
    QCOMPARE(built->profileName, QStringLiteral("Therapy fund position — 2026/27"));
    QCOMPARE(built->subtitle, QStringLiteral("Fund year 2026/27 (1 Apr 2026 – 31 Mar 2027) · As of 8 Jan 2027"));
    const Block* fields = nullptr;
    for (const Block& block : built->blocks) {
        fields = block.kind == Block::Kind::Fields ? &block : fields;
    }
    QVERIFY(fields);
    // Committed = cap − paid = £1,050 − £360; remaining = £5,000 − £690 − £360.
    const std::vector<std::pair<QString, QString>> expectedFields {
        {QStringLiteral("Fund year"), QStringLiteral("2026/27 (1 Apr 2026 – 31 Mar 2027)")},
        {QStringLiteral("Allocated"), QStringLiteral("£5,000.00")},
        {QStringLiteral("Committed"), QStringLiteral("£690.00")},
        {QStringLiteral("Paid"), QStringLiteral("£360.00")},
        {QStringLiteral("Remaining"), QStringLiteral("£3,950.00")},
        {QStringLiteral("Requests"), QStringLiteral("2")}};
    QCOMPARE(fields->fields, expectedFields);
    const Block& t = *tablesOf(*built).front();
    QCOMPARE(t.csvName, QStringLiteral("therapy_requests"));
    QCOMPARE(t.rows.size(), std::size_t {3});
    QCOMPARE(
        t.rows[0],
        (QStringList {theCase->reference, statusLabel(RequestStatus::InTherapy), QStringLiteral("Dr Rowan Therapist"),
                      QStringLiteral("£1,050.00"), QStringLiteral("£360.00"), QStringLiteral("£180.00")}));
    QCOMPARE(t.rows[1].at(3), QStringLiteral("£0.00"));
    QCOMPARE(t.rows[2],
             (QStringList {QStringLiteral("Total"), QString(), QString(), QStringLiteral("£1,050.00"),
                           QStringLiteral("£360.00"), QStringLiteral("£180.00")}));
    QCOMPARE(t.csvRows.size(), std::size_t {2});
    QCOMPARE(t.csvRows[0],
             (QStringList {QString::number(a->id), theCase->reference, QStringLiteral("in-therapy"),
                           QStringLiteral("Dr Rowan Therapist"), QStringLiteral("10"), QStringLiteral("1050.00"),
                           QStringLiteral("540.00"), QStringLiteral("360.00"), QStringLiteral("180.00"),
                           QStringLiteral("0.00"), QStringLiteral("0.00")}));
    QVERIFY(noticesOf(*built, Tone::Danger).empty());
    // Another fund year is another report (and empty).
    r.from = QDate(2025, 6, 1);
    auto last = sam.reports.build(r);
    QVERIFY_OK(last);
    QCOMPARE(last->profileName, QStringLiteral("Therapy fund position — 2025/26"));
    QVERIFY(tablesOf(*last).front()->rows.empty());
}

void TestFirmReports::progressIsReportedAndCancels()
{
    Firm f;
    QVERIFY(f.setUp());
    for (const ReportKind kind : {ReportKind::Diary, ReportKind::Caseload, ReportKind::LimitationRisk}) {
        std::vector<std::pair<int, int>> calls;
        auto built = f.sam.reports.build(requestFor(kind), [&calls](int done, int total) {
            calls.emplace_back(done, total);
            return true;
        });
        QVERIFY_OK(built);
        QVERIFY2(!calls.empty(), qPrintable(reportKindId(kind)));
        QCOMPARE(calls.front().first, 0);
        QCOMPARE(calls.back().first, calls.back().second);  // the last call says it is done

        int asked = 0;
        auto cancelled = f.sam.reports.build(requestFor(kind), [&asked](int, int) {
            ++asked;
            return false;
        });
        QCOMPARE_ERROR(cancelled, ErrorCode::InvalidInput);
        QVERIFY(cancelled.error().message.contains(QStringLiteral("cancelled")));
        QCOMPARE(asked, 1);
    }
}

void TestFirmReports::outputRecordNamesScopeFormatAndRows()
{
    Firm f;
    QVERIFY(f.setUp());
    const ReportRequest team = requestFor(ReportKind::Diary);
    auto diary = f.sam.reports.build(team);
    QVERIFY_OK(diary);
    OutputRecord record = outputRecordFor(team, *diary, QStringLiteral("pdf"), QStringLiteral("/tmp/diary.pdf"));
    QCOMPARE(record.action, QStringLiteral("report.output"));
    QCOMPARE(record.entity, QStringLiteral("report"));
    QCOMPARE(record.entityId, QStringLiteral("diary"));
    QCOMPARE(record.profile, QStringLiteral("team"));
    QCOMPARE(record.format, QStringLiteral("pdf"));
    QCOMPARE(record.destination, QStringLiteral("/tmp/diary.pdf"));
    QCOMPARE(record.rows, 9);
    QVERIFY_OK(recordOutput(f.sam.vault, record));
    auto entries = AuditLog::listFor(f.sam.vault.connection(), QStringLiteral("report"), QStringLiteral("diary"));
    QVERIFY_OK(entries);
    QCOMPARE(entries->back().action, QStringLiteral("report.output"));
    QCOMPARE(entries->back().summary.value(QStringLiteral("profile")).toString(), QStringLiteral("team"));
    QCOMPARE(entries->back().summary.value(QStringLiteral("rows")).toInt(), 9);

    const ReportRequest mine = requestFor(ReportKind::Diary);
    auto own = f.sol.reports.build(mine);
    QVERIFY_OK(own);
    QCOMPARE(outputRecordFor(mine, *own, QStringLiteral("csv"), {}).profile, QStringLiteral("mine"));
    const ReportRequest olis = requestFor(ReportKind::Diary, QStringLiteral("oli"));
    auto other = f.sam.reports.build(olis);
    QVERIFY_OK(other);
    QCOMPARE(outputRecordFor(olis, *other, QStringLiteral("print"), {}).profile, QStringLiteral("oli"));
    const ReportRequest load = requestFor(ReportKind::Caseload);
    auto caseload = f.sam.reports.build(load);
    QVERIFY_OK(caseload);
    const OutputRecord loadRecord = outputRecordFor(load, *caseload, QStringLiteral("csv"), {});
    QCOMPARE(loadRecord.profile, QStringLiteral("firm"));
    QCOMPARE(loadRecord.rows, 4);  // three fee earners and the restricted row; the total is not a row of data
}

QTEST_GUILESS_MAIN(TestFirmReports)
#include "tst_firm_reports.moc"
