// DeadlineService: events in, stored deadlines out, recomputation with audited changes, four-eyes limitation
// sign-off, the diary with its reminder ladder and escalation, and the calendar export.

#include "ResultAsserts.h"
#include "TestFirm.h"

#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "store/AuditLog.h"
#include "store/Sqlite.h"
#include "store/Vault.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace claimdesk::core;
using namespace claimdesk::core::deadlines;
using claimdesk::test::TestFirm;

namespace {

// A case for a client born 2 Jan 2006 who was physically abused at 12: limitation (s.28) strict Fri 1 Jan 2027,
// safe Thu 31 Dec 2026 (DOMAIN §2.4 worked example).
NewCase childCase(const QString& feeEarner = QStringLiteral("sol"), const QString& supervisor = QStringLiteral("sam"))
{
    NewCase n;
    n.client.fullName = QStringLiteral("Morgan Example");
    n.client.dateOfBirth = QDate(2006, 1, 2);
    n.feeEarner = feeEarner;
    n.supervisor = supervisor;
    n.safeguarding.suicidalThoughts = SuicidalThoughts::None;
    Incident incident;
    incident.start = QDate(2018, 3, 1);
    incident.abuseTypes = QStringList {QStringLiteral("physical")};
    incident.region = Region::EnglandWales;
    n.incidents.push_back(incident);
    return n;
}

Event dated(EventType type, const QDate& date)
{
    Event e;
    e.type = type;
    e.date = date;
    return e;
}

const StoredDeadline* find(const std::vector<StoredDeadline>& all, const QString& rule)
{
    for (const StoredDeadline& d : all) {
        if (d.rule == rule) {
            return &d;
        }
    }
    return nullptr;
}

int auditCount(Vault& vault, const QString& action)
{
    auto entries = AuditLog::list(vault.connection());
    int n = 0;
    if (entries) {
        for (const AuditEntry& e : *entries) {
            n += e.action == action ? 1 : 0;
        }
    }
    return n;
}

}  // namespace

class TestDeadlineService : public QObject {
    Q_OBJECT

private slots:
    void recomputeStoresLimitationWithRuleAndVersions();
    void eventsDeriveDeadlinesAndRemovingThemTakesThemAway();
    void invalidEventIsRefusedAndNothingIsStored();
    void correctedDateOfBirthIsRecomputedAndAudited();
    void limitationSignOffNeedsASecondSupervisor();
    void overrideNeedsAReasonAndAnotherSupervisor();
    void changedFactsMakeTheSignOffStale();
    void manualDeadlinesAndCompletion();
    void diaryScopesAndReferenceOnly();
    void reminderLadderAcknowledgmentAndEscalation();
    void reminderLadderText_data();
    void reminderLadderText();
    void firmReminderLadderIsUsedByTheDiary();
    void icsExportHasReferenceAndTitleOnly();
    void restrictedCaseIsRefused();
    void courtClosureMovesTheSafeDateAndRecomputesEveryCase();
};

void TestDeadlineService::recomputeStoresLimitationWithRuleAndVersions()
{
    TestFirm firm;
    CaseService cases(firm.solicitor());
    DeadlineService deadlines(firm.solicitor(), cases);
    auto created = cases.create(childCase());
    QVERIFY_OK(created);
    auto changes = deadlines.recompute(created->id, TestFirm::today());
    QVERIFY_OK(changes);
    QCOMPARE(changes->size(), std::size_t {1});
    QCOMPARE(changes->front().after, QDate(2026, 12, 31));
    auto stored = deadlines.deadlines(created->id);
    QVERIFY_OK(stored);
    const StoredDeadline* limitation = find(*stored, QStringLiteral("EW_S28_MINOR"));
    QVERIFY(limitation);
    QCOMPARE(limitation->kind, DeadlineKind::Limitation);
    QCOMPARE(limitation->strictOn, QDate(2027, 1, 1));
    QCOMPARE(limitation->safeOn, QDate(2026, 12, 31));
    QCOMPARE(limitation->rollForwardOn, QDate(2027, 1, 4));
    QCOMPARE(limitation->dueOn, QDate(2026, 12, 31));
    QCOMPARE(limitation->engineVersion, DeadlineEngine::engineVersion());
    QVERIFY(!limitation->holidayVersion.isEmpty());
    QVERIFY(limitation->explanation.join(QLatin1Char(' ')).contains(QStringLiteral("Fri 1 Jan 2027")));
    // Idempotent: a second run changes nothing and writes no audit entry.
    const int audits = auditCount(firm.solicitor(), QStringLiteral("deadline.recompute"));
    auto again = deadlines.recompute(created->id, TestFirm::today());
    QVERIFY_OK(again);
    QVERIFY(again->empty());
    QCOMPARE(auditCount(firm.solicitor(), QStringLiteral("deadline.recompute")), audits);
}

void TestDeadlineService::eventsDeriveDeadlinesAndRemovingThemTakesThemAway()
{
    TestFirm firm;
    CaseService cases(firm.solicitor());
    DeadlineService deadlines(firm.solicitor(), cases);
    auto created = cases.create(childCase());
    QVERIFY_OK(created);
    // DOMAIN T18: letter of claim posted Mon 1 Dec 2025 → acknowledgment due Mon 22 Dec 2025.
    auto changes = deadlines.addEvent(created->id, dated(EventType::LetterOfClaimPosted, QDate(2025, 12, 1)),
                                      QStringLiteral("to the diocese"));
    QVERIFY_OK(changes);
    auto stored = deadlines.deadlines(created->id);
    QVERIFY_OK(stored);
    const StoredDeadline* ack = find(*stored, QStringLiteral("PI_PROTOCOL_ACKNOWLEDGMENT"));
    QVERIFY(ack);
    QCOMPARE(ack->dueOn, QDate(2025, 12, 22));
    QCOMPARE(ack->party, ActingParty::Opponent);
    auto events = deadlines.events(created->id);
    QVERIFY_OK(events);
    QCOMPARE(events->size(), std::size_t {1});
    QCOMPARE(events->front().note, QStringLiteral("to the diocese"));
    QCOMPARE(events->front().recordedBy, QStringLiteral("sol"));
    QCOMPARE(auditCount(firm.solicitor(), QStringLiteral("case.event.add")), 1);

    QVERIFY_OK(deadlines.removeEvent(events->front().id));
    stored = deadlines.deadlines(created->id);
    QVERIFY_OK(stored);
    QVERIFY(!find(*stored, QStringLiteral("PI_PROTOCOL_ACKNOWLEDGMENT")));
    QCOMPARE(auditCount(firm.solicitor(), QStringLiteral("case.event.remove")), 1);
}

void TestDeadlineService::invalidEventIsRefusedAndNothingIsStored()
{
    TestFirm firm;
    CaseService cases(firm.solicitor());
    DeadlineService deadlines(firm.solicitor(), cases);
    auto created = cases.create(childCase());
    QVERIFY_OK(created);
    Event offer;
    offer.type = EventType::Part36OfferSent;
    offer.at = QDateTime(QDate(2025, 12, 19), QTime(17, 10), QTimeZone::utc());
    offer.method = ServiceMethod::Email;
    offer.relevantPeriodDays = 14;  // CPR 36.5: at least 21
    auto refused = deadlines.addEvent(created->id, offer, {});
    QCOMPARE_ERROR(refused, ErrorCode::InvalidInput);
    QVERIFY(refused.error().message.contains(QStringLiteral("21")));
    Event future = dated(EventType::ClaimFormIssued, TestFirm::today().addDays(3));
    QCOMPARE_ERROR(deadlines.addEvent(created->id, future, {}), ErrorCode::InvalidInput);
    auto events = deadlines.events(created->id);
    QVERIFY_OK(events);
    QVERIFY(events->empty());
}

void TestDeadlineService::correctedDateOfBirthIsRecomputedAndAudited()
{
    TestFirm firm;
    CaseService cases(firm.solicitor());
    DeadlineService deadlines(firm.solicitor(), cases);
    auto created = cases.create(childCase());
    QVERIFY_OK(created);
    QVERIFY_OK(deadlines.recompute(created->id, TestFirm::today()));
    CaseRecord edited = *created;
    auto loaded = cases.load(created->id);
    QVERIFY_OK(loaded);
    edited = *loaded;
    edited.client.dateOfBirth = QDate(2006, 3, 10);  // 21st birthday Wed 10 Mar 2027 → strict Tue 9 Mar 2027
    QVERIFY_OK(cases.save(edited));
    // The saved case is stale: refreshStale (run before every diary) recomputes it.
    auto refreshed = deadlines.refreshStale(TestFirm::today());
    QVERIFY_OK(refreshed);
    QCOMPARE(*refreshed, 1);
    auto again = deadlines.refreshStale(TestFirm::today());
    QVERIFY_OK(again);
    QCOMPARE(*again, 0);
    auto stored = deadlines.deadlines(created->id);
    QVERIFY_OK(stored);
    QCOMPARE(find(*stored, QStringLiteral("EW_S28_MINOR"))->dueOn, QDate(2027, 3, 9));
    edited = *cases.load(created->id);
    edited.client.dateOfBirth = QDate(2006, 1, 2);
    QVERIFY_OK(cases.save(edited));
    auto changes = deadlines.recompute(created->id, TestFirm::today());
    QVERIFY_OK(changes);
    QCOMPARE(changes->size(), std::size_t {1});
    QCOMPARE(changes->front().before, QDate(2027, 3, 9));
    QCOMPARE(changes->front().after, QDate(2026, 12, 31));
    edited = *cases.load(created->id);
    edited.client.dateOfBirth = QDate(2006, 3, 10);
    QVERIFY_OK(cases.save(edited));
    changes = deadlines.recompute(created->id, TestFirm::today());
    QVERIFY_OK(changes);
    QCOMPARE(changes->size(), std::size_t {1});
    QCOMPARE(changes->front().before, QDate(2026, 12, 31));
    QCOMPARE(changes->front().after, QDate(2027, 3, 9));
    auto entries = AuditLog::list(firm.solicitor().connection());
    QVERIFY_OK(entries);
    const auto last = std::find_if(entries->rbegin(), entries->rend(),
                                   [](const AuditEntry& e) { return e.action == QStringLiteral("deadline.recompute"); });
    QVERIFY(last != entries->rend());
    const QString summary = QString::fromUtf8(QJsonDocument(last->summary).toJson(QJsonDocument::Compact));
    QVERIFY2(summary.contains(QStringLiteral("2026-12-31")) && summary.contains(QStringLiteral("2027-03-09")),
             qPrintable(summary));
}

void TestDeadlineService::limitationSignOffNeedsASecondSupervisor()
{
    TestFirm firm;
    CaseService solCases(firm.solicitor());
    DeadlineService solDeadlines(firm.solicitor(), solCases);
    auto created = solCases.create(childCase());
    QVERIFY_OK(created);
    auto status = solDeadlines.limitationStatus(created->id);
    QVERIFY_OK(status);
    QCOMPARE(status->state, LimitationState::Unverified);
    QCOMPARE(status->primarySafeDate, QDate(2026, 12, 31));
    // A solicitor cannot verify.
    QCOMPARE_ERROR(solDeadlines.verifyLimitation(created->id), ErrorCode::PermissionDenied);
    // The supervisor who entered the facts cannot verify them (four eyes).
    CaseService samCases(firm.supervisor());
    DeadlineService samDeadlines(firm.supervisor(), samCases);
    auto mine = samCases.create(childCase(QStringLiteral("sam"), QString()));
    QVERIFY_OK(mine);
    QCOMPARE_ERROR(samDeadlines.verifyLimitation(mine->id), ErrorCode::PermissionDenied);
    // Another supervisor can.
    QVERIFY_OK(samDeadlines.verifyLimitation(created->id));
    status = solDeadlines.limitationStatus(created->id);
    QVERIFY_OK(status);
    QCOMPARE(status->state, LimitationState::Verified);
    QCOMPARE(status->verifiedBy, QStringLiteral("sam"));
    auto queue = solDeadlines.unverifiedQueue();
    QVERIFY_OK(queue);
    for (const auto& [reference, s] : *queue) {
        QVERIFY(reference != created->reference);
    }
}

void TestDeadlineService::overrideNeedsAReasonAndAnotherSupervisor()
{
    TestFirm firm;
    CaseService solCases(firm.solicitor());
    DeadlineService solDeadlines(firm.solicitor(), solCases);
    auto created = solCases.create(childCase());
    QVERIFY_OK(created);
    QCOMPARE_ERROR(solDeadlines.overrideLimitation(created->id, QDate(2026, 12, 1), QStringLiteral("  ")),
                   ErrorCode::InvalidInput);
    CaseService patCases(firm.paralegal());
    DeadlineService patDeadlines(firm.paralegal(), patCases);
    QCOMPARE_ERROR(patDeadlines.overrideLimitation(created->id, QDate(2026, 12, 1), QStringLiteral("counsel")),
                   ErrorCode::PermissionDenied);
    QVERIFY_OK(solDeadlines.overrideLimitation(created->id, QDate(2026, 12, 1),
                                               QStringLiteral("Counsel advises an earlier date of knowledge")));
    auto status = solDeadlines.limitationStatus(created->id);
    QVERIFY_OK(status);
    QCOMPARE(status->state, LimitationState::Unverified);
    QVERIFY(status->overridden);
    QCOMPARE(status->primarySafeDate, QDate(2026, 12, 1));
    CaseService samCases(firm.supervisor());
    DeadlineService samDeadlines(firm.supervisor(), samCases);
    QVERIFY_OK(samDeadlines.verifyLimitation(created->id));
    status = solDeadlines.limitationStatus(created->id);
    QVERIFY_OK(status);
    QCOMPARE(status->state, LimitationState::Verified);
    QCOMPARE(status->primarySafeDate, QDate(2026, 12, 1));
    QCOMPARE(status->overrideReason, QStringLiteral("Counsel advises an earlier date of knowledge"));
    QCOMPARE(auditCount(firm.solicitor(), QStringLiteral("limitation.override")), 1);
    QCOMPARE(auditCount(firm.solicitor(), QStringLiteral("limitation.verify")), 1);
}

void TestDeadlineService::changedFactsMakeTheSignOffStale()
{
    TestFirm firm;
    CaseService solCases(firm.solicitor());
    DeadlineService solDeadlines(firm.solicitor(), solCases);
    auto created = solCases.create(childCase());
    QVERIFY_OK(created);
    CaseService samCases(firm.supervisor());
    DeadlineService samDeadlines(firm.supervisor(), samCases);
    QVERIFY_OK(samDeadlines.verifyLimitation(created->id));
    auto loaded = solCases.load(created->id);
    QVERIFY_OK(loaded);
    CaseRecord edited = *loaded;
    edited.client.dateOfBirth = QDate(2006, 1, 3);
    QVERIFY_OK(solCases.save(edited));
    auto status = solDeadlines.limitationStatus(created->id);
    QVERIFY_OK(status);
    QCOMPARE(status->state, LimitationState::Unverified);
    QVERIFY(status->why.contains(QStringLiteral("changed")));
}

void TestDeadlineService::manualDeadlinesAndCompletion()
{
    TestFirm firm;
    CaseService cases(firm.solicitor());
    DeadlineService deadlines(firm.solicitor(), cases);
    auto created = cases.create(childCase());
    QVERIFY_OK(created);
    QCOMPARE_ERROR(deadlines.addManualDeadline(created->id, QStringLiteral(" "), QDate(2027, 2, 1), {}),
                   ErrorCode::InvalidInput);
    auto manual = deadlines.addManualDeadline(created->id, QStringLiteral("Witness statements (order of 20 Nov)"),
                                              QDate(2027, 2, 1), QStringLiteral("DJ Smith"));
    QVERIFY_OK(manual);
    QCOMPARE(manual->kind, DeadlineKind::Manual);
    // A second one in the same instant (the test clock does not move) is a second deadline, not a clash.
    auto second = deadlines.addManualDeadline(created->id, QStringLiteral("Expert report by court order"),
                                              QDate(2027, 3, 1), {});
    QVERIFY_OK(second);
    QVERIFY(second->id != manual->id);
    QVERIFY_OK(deadlines.recompute(created->id, TestFirm::today()));  // recomputation keeps manual deadlines
    auto stored = deadlines.deadlines(created->id);
    QVERIFY_OK(stored);
    QVERIFY(find(*stored, QStringLiteral("MANUAL")));
    QVERIFY_OK(deadlines.complete(manual->id));
    QCOMPARE_ERROR(deadlines.complete(manual->id), ErrorCode::InvalidInput);
    stored = deadlines.deadlines(created->id);
    QVERIFY_OK(stored);
    QCOMPARE(find(*stored, QStringLiteral("MANUAL"))->doneBy, QStringLiteral("sol"));
    // A limitation date is not "done": it is met by issuing.
    const StoredDeadline* limitation = find(*stored, QStringLiteral("EW_S28_MINOR"));
    QVERIFY(limitation);
    QCOMPARE_ERROR(deadlines.complete(limitation->id), ErrorCode::InvalidInput);
}

void TestDeadlineService::diaryScopesAndReferenceOnly()
{
    TestFirm firm;
    CaseService solCases(firm.solicitor());
    DeadlineService solDeadlines(firm.solicitor(), solCases);
    auto mine = solCases.create(childCase());
    QVERIFY_OK(mine);
    QVERIFY_OK(solDeadlines.addManualDeadline(mine->id, QStringLiteral("Chase GP records"), QDate(2026, 12, 3), {}));
    CaseService oliCases(firm.outsider());
    DeadlineService oliDeadlines(firm.outsider(), oliCases);
    auto theirs = oliCases.create(childCase(QStringLiteral("oli"), QString()));
    QVERIFY_OK(theirs);
    QVERIFY_OK(oliDeadlines.addManualDeadline(theirs->id, QStringLiteral("File directions questionnaire"),
                                              QDate(2026, 12, 4), {}));
    const QDate today = TestFirm::today();
    auto diary = solDeadlines.diary(DiaryScope::Mine, today, today.addDays(30), today);
    QVERIFY_OK(diary);
    QStringList titles;
    for (const DiaryEntry& e : *diary) {
        titles << e.title;
        QCOMPARE(e.caseReference.isEmpty(), false);
    }
    QVERIFY2(titles.contains(QStringLiteral("Chase GP records")), qPrintable(titles.join(QLatin1Char('|'))));
    QVERIFY(!titles.contains(QStringLiteral("File directions questionnaire")));
    auto all = solDeadlines.diary(DiaryScope::All, today, today.addDays(30), today);
    QVERIFY_OK(all);
    bool seenTheirs = false;
    for (const DiaryEntry& e : *all) {
        seenTheirs = seenTheirs || e.caseReference == theirs->reference;
    }
    QVERIFY(seenTheirs);
    // The supervisor's team view holds the cases they supervise.
    CaseService samCases(firm.supervisor());
    DeadlineService samDeadlines(firm.supervisor(), samCases);
    auto team = samDeadlines.diary(DiaryScope::Team, today, today.addDays(30), today);
    QVERIFY_OK(team);
    QVERIFY(std::any_of(team->begin(), team->end(), [&](const DiaryEntry& e) { return e.caseReference == mine->reference; }));
    QVERIFY(std::none_of(team->begin(), team->end(), [&](const DiaryEntry& e) { return e.caseReference == theirs->reference; }));
}

void TestDeadlineService::reminderLadderAcknowledgmentAndEscalation()
{
    // The ladder for a safe date of Thu 31 Dec 2026: 12, 6, 3, 1 months, 2 weeks, then the last 5 business days.
    const auto ladder = DeadlineService::reminderLadder(QDate(2026, 12, 31), Region::EnglandWales);
    QCOMPARE(ladder.size(), std::size_t {10});
    QCOMPARE(ladder.at(0).second, QDate(2025, 12, 31));
    QCOMPARE(ladder.at(3).second, QDate(2026, 11, 30));
    QCOMPARE(ladder.at(4).second, QDate(2026, 12, 17));
    // Business days back from Thu 31 Dec: 31, 30, 29, 24, 23 (25, 28 Dec are holidays; 26, 27 a weekend).
    QCOMPARE(ladder.at(5).second, QDate(2026, 12, 23));
    QCOMPARE(ladder.at(9).second, QDate(2026, 12, 31));

    TestFirm firm;
    CaseService cases(firm.solicitor());
    DeadlineService deadlines(firm.solicitor(), cases);
    auto created = cases.create(childCase());
    QVERIFY_OK(created);
    QVERIFY_OK(deadlines.recompute(created->id, TestFirm::today()));
    // On Fri 27 Nov 2026 the "3 months" rung (30 Sep) is the latest due: it needs acknowledgment and, not
    // acknowledged by the next business day, it is escalated.
    const QDate today = TestFirm::today();
    auto diary = deadlines.diary(DiaryScope::Mine, today, today.addDays(7), today);
    QVERIFY_OK(diary);
    auto reminder = std::find_if(diary->begin(), diary->end(), [](const DiaryEntry& e) { return e.needsAcknowledgment; });
    QVERIFY(reminder != diary->end());
    QCOMPARE(reminder->reminderRung, QStringLiteral("3 months"));
    QVERIFY(reminder->escalated);
    QCOMPARE(reminder->caseReference, created->reference);
    QVERIFY_OK(deadlines.acknowledgeReminder(reminder->deadlineId, reminder->reminderRung));
    diary = deadlines.diary(DiaryScope::Mine, today, today.addDays(7), today);
    QVERIFY_OK(diary);
    QVERIFY(std::none_of(diary->begin(), diary->end(), [](const DiaryEntry& e) { return e.needsAcknowledgment; }));
    // On 30 Nov the "1 month" rung falls due: a new reminder, not yet escalated.
    auto later = deadlines.diary(DiaryScope::Mine, QDate(2026, 11, 30), QDate(2026, 12, 7), QDate(2026, 11, 30));
    QVERIFY_OK(later);
    auto next = std::find_if(later->begin(), later->end(), [](const DiaryEntry& e) { return e.needsAcknowledgment; });
    QVERIFY(next != later->end());
    QCOMPARE(next->reminderRung, QStringLiteral("1 month"));
    QVERIFY(!next->escalated);
}

void TestDeadlineService::reminderLadderText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");  // empty: refused
    QTest::addColumn<QString>("words");
    QTest::newRow("the standard ladder") << QStringLiteral("12m, 6m, 3m, 1m, 2w, 5bd")
                                         << QStringLiteral("12m, 6m, 3m, 1m, 2w, 5bd")
                                         << QStringLiteral("12, 6, 3 and 1 months, 2 weeks before, then each of the "
                                                           "last 5 business days");
    QTest::newRow("any order, spaces or semicolons, capitals") << QStringLiteral("2W;18M 9m  10BD")
                                                               << QStringLiteral("18m, 9m, 2w, 10bd")
                                                               << QStringLiteral("18 and 9 months, 2 weeks before, then "
                                                                                 "each of the last 10 business days");
    QTest::newRow("days alone reach the last fortnight") << QStringLiteral("60d, 7d") << QStringLiteral("60d, 7d")
                                                         << QStringLiteral("60 and 7 days before");
    QTest::newRow("one last business day") << QStringLiteral("1bd") << QStringLiteral("1bd")
                                           << QStringLiteral("on the last business day");
    QTest::newRow("refused: nothing in the last two weeks") << QStringLiteral("12m, 6m, 1m") << QString() << QString();
    QTest::newRow("refused: empty") << QStringLiteral("  ") << QString() << QString();
    QTest::newRow("refused: unknown unit") << QStringLiteral("6y, 5bd") << QString() << QString();
    QTest::newRow("refused: zero") << QStringLiteral("0m, 5bd") << QString() << QString();
    QTest::newRow("refused: more than 36 months") << QStringLiteral("48m, 5bd") << QString() << QString();
    QTest::newRow("refused: business days twice") << QStringLiteral("5bd, 3bd") << QString() << QString();
    QTest::newRow("refused: a rung twice") << QStringLiteral("6m, 6m, 5bd") << QString() << QString();
}

void TestDeadlineService::reminderLadderText()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(QString, words);
    auto parsed = ReminderLadder::parse(text);
    if (canonical.isEmpty()) {
        QCOMPARE_ERROR(parsed, ErrorCode::InvalidInput);
        return;
    }
    QVERIFY_OK(parsed);
    QCOMPARE(parsed->text(), canonical);
    QCOMPARE(parsed->describe(), words);
    // Rungs come out in date order and never after the safe date.
    const auto rungs = parsed->rungsFor(QDate(2027, 6, 30), Region::EnglandWales);
    QVERIFY(!rungs.empty());
    for (std::size_t i = 1; i < rungs.size(); ++i) {
        QVERIFY(rungs[i - 1].second <= rungs[i].second);
    }
    QVERIFY(rungs.back().second <= QDate(2027, 6, 30));
    // The horizon is far enough: a safe date on it (or later) has no rung due yet, so the diary may skip it.
    const QDate today(2026, 11, 27);
    QVERIFY(parsed->rungsFor(parsed->horizon(today), Region::EnglandWales).front().second > today);
}

void TestDeadlineService::firmReminderLadderIsUsedByTheDiary()
{
    TestFirm firm;
    CaseService cases(firm.solicitor());
    DeadlineService deadlines(firm.solicitor(), cases);
    auto created = cases.create(childCase());  // safe date Thu 31 Dec 2026
    QVERIFY_OK(created);
    QVERIFY_OK(deadlines.recompute(created->id, TestFirm::today()));
    auto standard = deadlines.firmReminderLadder();
    QVERIFY_OK(standard);
    QCOMPARE(standard->text(), ReminderLadder::standard().text());

    // A solicitor cannot change the firm's ladder; the refusal is audited.
    auto weekly = ReminderLadder::parse(QStringLiteral("12m, 6w, 5w, 2w, 5bd"));
    QVERIFY_OK(weekly);
    const int refusals = auditCount(firm.solicitor(), QStringLiteral("permission.denied"));
    QCOMPARE_ERROR(deadlines.setFirmReminderLadder(*weekly), ErrorCode::PermissionDenied);
    QCOMPARE(auditCount(firm.solicitor(), QStringLiteral("permission.denied")), refusals + 1);

    CaseService samCases(firm.supervisor());
    DeadlineService samDeadlines(firm.supervisor(), samCases);
    QVERIFY_OK(samDeadlines.setFirmReminderLadder(*weekly));
    QCOMPARE(auditCount(firm.supervisor(), QStringLiteral("deadline.reminder-ladder.set")), 1);
    auto stored = deadlines.firmReminderLadder();
    QVERIFY_OK(stored);
    QCOMPARE(stored->text(), QStringLiteral("12m, 6w, 5w, 2w, 5bd"));

    // On Fri 27 Nov 2026 the "5 weeks" rung (26 Nov) is the latest due under the firm's ladder (the standard
    // ladder would show "3 months").
    const QDate today = TestFirm::today();
    auto diary = deadlines.diary(DiaryScope::Mine, today, today.addDays(7), today);
    QVERIFY_OK(diary);
    auto reminder = std::find_if(diary->begin(), diary->end(), [](const DiaryEntry& e) { return e.needsAcknowledgment; });
    QVERIFY(reminder != diary->end());
    QCOMPARE(reminder->reminderRung, QStringLiteral("5 weeks"));
    QCOMPARE(reminder->reminderDueOn, QDate(2026, 11, 26));
    QVERIFY(reminder->escalated);  // fell due Thu 26 Nov, not acknowledged by the next business day
}

void TestDeadlineService::icsExportHasReferenceAndTitleOnly()
{
    DiaryEntry e;
    e.deadlineId = 7;
    e.caseReference = QStringLiteral("CD-2026-0042");
    e.title = QStringLiteral("Defence due, with a comma; and a semicolon");
    e.dueOn = QDate(2027, 1, 4);
    const QByteArray ics = DeadlineService::toIcs({e}, QDateTime(QDate(2026, 11, 27), QTime(12, 0), QTimeZone::utc()));
    QVERIFY(ics.startsWith("BEGIN:VCALENDAR\r\n"));
    QVERIFY(ics.endsWith("END:VCALENDAR\r\n"));
    QVERIFY(ics.contains("DTSTART;VALUE=DATE:20270104\r\n"));
    QVERIFY(ics.contains("DTEND;VALUE=DATE:20270105\r\n"));
    QVERIFY(ics.contains("SUMMARY:CD-2026-0042: Defence due\\, with a comma\\; and a semicolon"));
    QVERIFY(ics.contains("DTSTAMP:20261127T120000Z"));
    for (const QByteArray& line : ics.split('\n')) {
        QVERIFY2(line.size() <= 76, line.constData());  // 75 octets + CR
    }
}

void TestDeadlineService::restrictedCaseIsRefused()
{
    TestFirm firm;
    CaseService cases(firm.solicitor());
    DeadlineService deadlines(firm.solicitor(), cases);
    NewCase restricted = childCase();
    restricted.restricted = true;
    auto created = cases.create(restricted);
    QVERIFY_OK(created);
    CaseService oliCases(firm.outsider());
    DeadlineService oliDeadlines(firm.outsider(), oliCases);
    QCOMPARE_ERROR(oliDeadlines.deadlines(created->id), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(oliDeadlines.addEvent(created->id, dated(EventType::ClaimFormIssued, QDate(2026, 1, 5)), {}),
                   ErrorCode::PermissionDenied);
    QVERIFY_OK(oliDeadlines.diary(DiaryScope::All, TestFirm::today(), TestFirm::today().addDays(400), TestFirm::today()));
}

void TestDeadlineService::courtClosureMovesTheSafeDateAndRecomputesEveryCase()
{
    TestFirm firm;
    CaseService cases(firm.solicitor());
    DeadlineService deadlines(firm.solicitor(), cases);
    auto created = cases.create(childCase());
    QVERIFY_OK(created);
    QVERIFY_OK(deadlines.recompute(created->id, TestFirm::today()));
    // A solicitor or paralegal cannot change the court calendar; the refusal is audited.
    QCOMPARE_ERROR(deadlines.addCourtClosure(QDate(2026, 12, 31), QStringLiteral("Court closed")),
                   ErrorCode::PermissionDenied);
    CaseService samCases(firm.supervisor());
    DeadlineService samDeadlines(firm.supervisor(), samCases);
    QCOMPARE_ERROR(samDeadlines.addCourtClosure(QDate(2026, 12, 31), QStringLiteral("  ")), ErrorCode::InvalidInput);
    QVERIFY_OK(samDeadlines.addCourtClosure(QDate(2026, 12, 31), QStringLiteral("New Year's Eve closure")));
    auto closures = deadlines.courtClosures();
    QVERIFY_OK(closures);
    QCOMPARE(closures->size(), 1);
    // The holiday-table version changed, so every case is stale: the safe date moves to Wed 30 Dec 2026.
    auto refreshed = deadlines.refreshStale(TestFirm::today());
    QVERIFY_OK(refreshed);
    QCOMPARE(*refreshed, 1);
    auto stored = deadlines.deadlines(created->id);
    QVERIFY_OK(stored);
    const StoredDeadline* limitation = find(*stored, QStringLiteral("EW_S28_MINOR"));
    QCOMPARE(limitation->safeOn, QDate(2026, 12, 30));
    QVERIFY(limitation->explanation.join(QLatin1Char(' ')).contains(QStringLiteral("New Year's Eve closure")));
    QVERIFY(limitation->holidayVersion.contains(QStringLiteral("closures")));
    QVERIFY_OK(samDeadlines.removeCourtClosure(QDate(2026, 12, 31)));
    QCOMPARE_ERROR(samDeadlines.removeCourtClosure(QDate(2026, 12, 31)), ErrorCode::NotFound);
    QVERIFY_OK(deadlines.refreshStale(TestFirm::today()));
    stored = deadlines.deadlines(created->id);
    QVERIFY_OK(stored);
    QCOMPARE(find(*stored, QStringLiteral("EW_S28_MINOR"))->safeOn, QDate(2026, 12, 31));
    QCOMPARE(auditCount(firm.supervisor(), QStringLiteral("deadline.closure.add")), 1);
    QCOMPARE(auditCount(firm.supervisor(), QStringLiteral("deadline.closure.remove")), 1);
}

QTEST_GUILESS_MAIN(TestDeadlineService)
#include "tst_deadline_service.moc"
