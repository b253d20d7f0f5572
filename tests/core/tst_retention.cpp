// Retention, legal hold and two-person erasure (issue 7, "GDPR tools"; DOMAIN.md §8): the destroy-review rule as a
// table, who may hold, request and approve, the 24-hour wait, the retention report, and an erasure that leaves
// nothing of the case but its tombstone — checked in every table, in every decrypted page of the file (free space
// included) and in the raw file.

#include "FileBytes.h"
#include "ResultAsserts.h"
#include "TestFirm.h"

#include "audit/AuditService.h"
#include "cases/CaseService.h"
#include "conflicts/ConflictService.h"
#include "deadlines/DeadlineService.h"
#include "retention/RetentionService.h"
#include "store/AuditLog.h"
#include "store/Sqlite.h"
#include "store/Vault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTest>

#include <openssl/evp.h>

#include <algorithm>
#include <memory>

using namespace claimdesk::core;
using claimdesk::test::TestFirm;

namespace {

// Markers planted in the case: each is unique, so finding one anywhere after the erasure is a leak.
const QString kClientName = QStringLiteral("Zebulon Quartzfield");
const QString kFormerName = QStringLiteral("Zebulon Oldmarkerby");
const QString kAccount = QStringLiteral("Account marker: ACCTMARKER7731 told us about the home");
const QString kNote = QStringLiteral("Note marker NOTEMARKERALPHA: client called");
const QString kLocation = QStringLiteral("Locmarkerwick Farmhouse");
const QString kAbuser = QStringLiteral("Perpmarker Smythe");
const QString kEventNote = QStringLiteral("EVENTMARKERBETA served by hand");
const QString kDraft = QStringLiteral("DRAFTMARKERGAMMA");
const QString kTherapy = QStringLiteral("THERAPYMARKERDELTA");
const QStringList kMarkers {
    QStringLiteral("Quartzfield"),     QStringLiteral("Oldmarkerby"),      QStringLiteral("ACCTMARKER7731"),
    QStringLiteral("NOTEMARKERALPHA"), QStringLiteral("Locmarkerwick"),    QStringLiteral("Perpmarker"),
    QStringLiteral("EVENTMARKERBETA"), QStringLiteral("DRAFTMARKERGAMMA"), QStringLiteral("THERAPYMARKERDELTA")};

const QString kReason = QStringLiteral("Retention period over and the file was reviewed");

// A second supervisor, added by the admin and signed in once to change the one-time passphrase.
Vault& secondSupervisor(TestFirm& firm)
{
    const QString sue = QStringLiteral("sue");
    const QByteArray oneTime = QByteArrayLiteral("one-time passphrase for sue");
    auto added = firm.admin().addUser({sue, QStringLiteral("Sue Second"), Role::Supervisor}, oneTime);
    if (!added) {
        qFatal("adding sue failed: %s", qPrintable(added.error().message));
    }
    auto first = Vault::unlock(firm.path(), sue, oneTime, firm.options());
    if (!first || !(*first)->changePassphrase(oneTime, TestFirm::passphraseOf(sue))) {
        qFatal("sue's first sign-in failed");
    }
    return firm.session(sue);
}

NewCase closedCandidate(const QString& name = kClientName, const QString& location = kLocation)
{
    NewCase n;
    n.client.fullName = name;
    n.client.dateOfBirth = QDate(1980, 4, 2);
    n.feeEarner = QStringLiteral("sol");
    n.supervisor = QStringLiteral("sam");
    n.openedOn = QDate(2015, 5, 1);
    n.safeguarding.suicidalThoughts = SuicidalThoughts::None;
    Incident incident;
    incident.start = QDate(2016, 6, 1);
    incident.startPrecision = DatePrecision::Month;
    incident.abuseTypes = QStringList {QStringLiteral("sexual")};
    incident.location = location;
    n.incidents.push_back(incident);
    return n;
}

// Creates the case as the solicitor and closes it on `closedOn`. Returns its id (0 on failure, with a warning).
qint64 createClosed(CaseService& cases, NewCase n, const QDate& closedOn)
{
    auto created = cases.create(n);
    if (!created) {
        qWarning("create: %s", qPrintable(created.error().message));
        return 0;
    }
    CaseRecord record = *created;
    record.stage = Stage::Closed;
    record.closedOn = closedOn;
    if (auto saved = cases.save(record); !saved) {
        qWarning("close: %s", qPrintable(saved.error().message));
        return 0;
    }
    return created->id;
}

QString referenceOf(Vault& vault, qint64 caseId)
{
    auto stmt = vault.connection().prepare("SELECT reference FROM cases WHERE id = ?1");
    if (!stmt || !stmt->bind(1, caseId).step().ok()) {
        return {};
    }
    return stmt->text(0);
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

// Every page of an SQLCipher 3 file decrypted with the raw vault key (AES-256-CBC; the IV sits at the start of each
// page's reserved tail; page 1 keeps its first 16 bytes, the salt, in the clear). Free pages and the unused space
// inside pages are included: exactly what an attacker with the key could read. Empty when page 1 does not decrypt to
// a valid SQLite header (so a broken decryption can never pass as "nothing found").
QByteArray decryptedPages(const QString& path, const SecureBytes& key, int pageSize)
{
    const QByteArray file = claimdesk::test::readAll(path);
    constexpr int kReserve = 48;  // IV (16) + HMAC-SHA1 (20), rounded up to the AES block size
    constexpr int kSalt = 16;
    QByteArray plain;
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    for (qsizetype at = 0; at + pageSize <= file.size(); at += pageSize) {
        const int offset = at == 0 ? kSalt : 0;
        const auto* page = reinterpret_cast<const unsigned char*>(file.constData() + at);
        const unsigned char* iv = page + pageSize - kReserve;
        QByteArray out(pageSize - kReserve - offset + 32, '\0');
        int written = 0;
        int tail = 0;
        if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, key.data(), iv) != 1
            || EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1
            || EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &written, page + offset,
                                 pageSize - kReserve - offset)
                != 1
            || EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + written, &tail) != 1) {
            return {};
        }
        out.truncate(written + tail);
        if (at == 0) {
            // The header after the salt: page size (big-endian) at 16, reserved bytes per page at 20.
            const int size = (static_cast<unsigned char>(out.at(0)) << 8) | static_cast<unsigned char>(out.at(1));
            if (size != pageSize || static_cast<unsigned char>(out.at(4)) != kReserve) {
                return {};
            }
        }
        plain += out;
    }
    return plain;
}

QStringList markersIn(const QByteArray& bytes)
{
    const QByteArray lower = bytes.toLower();
    QStringList found;
    for (const QString& marker : kMarkers) {
        if (lower.contains(marker.toLower().toUtf8())) {
            found << marker;
        }
    }
    return found;
}

QStringList tables(sql::Connection& db)
{
    QStringList names;
    auto stmt = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (stmt && stmt->step().value()) {
        names << stmt->text(0);
    }
    return names;
}

}  // namespace

class TestRetention : public QObject {
    Q_OBJECT

private slots:
    void reviewDate_data();
    void reviewDate();
    void policyLimits();
    void reasonNamingTheClient_data();
    void reasonNamingTheClient();
    void tombstoneNameFormsMeet();

    void holdNeedsSupervisorAndReasonAndIsAudited();
    void holdBlocksErasure();
    void erasureNeedsTwoSupervisorsAndTwentyFourHours();
    void openCaseCannotBeErased();
    void reportListsDueCasesWithHoldStatus();
    void policyIsConfigurable();
    void erasureRemovesEveryTraceButTheTombstone();
    void sharedClientAndPartiesStay();
    void conflictCheckReportsErasedCase();
    void auditKeepsTheEventNotTheData();
    void approvingAgainFinishesAnUnfinishedCompaction();
    void erasureRegisterCarriesErasuresToARestoredBackup();
    void erasureRegisterFromElsewhereOrEditedIsRefused();
};

// --- The rule ----------------------------------------------------------------------------------------------------

void TestRetention::reviewDate_data()
{
    QTest::addColumn<bool>("closed");
    QTest::addColumn<QDate>("closedOn");
    QTest::addColumn<QDate>("dateOfBirth");
    QTest::addColumn<bool>("capacity");
    QTest::addColumn<bool>("cica");
    QTest::addColumn<int>("yearsAfterClosure");
    QTest::addColumn<QString>("basis");
    QTest::addColumn<QDate>("reviewOn");
    QTest::addColumn<QDate>("listFrom");

    const QDate none;
    QTest::addRow("adult, closed 15 Mar 2020: closure + 7 years, 15 Mar 2027")
        << true << QDate(2020, 3, 15) << QDate(1980, 1, 1) << false << false << 7 << "closure" << QDate(2027, 3, 15)
        << QDate(2027, 3, 15);
    QTest::addRow("child, DOB 2010-06-01, closed 15 Mar 2020: 18th birthday + 7 years, 1 Jun 2035, is later")
        << true << QDate(2020, 3, 15) << QDate(2010, 6, 1) << false << false << 7 << "majority" << QDate(2035, 6, 1)
        << QDate(2035, 6, 1);
    QTest::addRow("abused as a child, 25 at closure: 18 + 7 already passed, closure + 7 applies")
        << true << QDate(2020, 5, 1) << QDate(1995, 5, 1) << false << false << 7 << "closure" << QDate(2027, 5, 1)
        << QDate(2027, 5, 1);
    QTest::addRow("turned 18 on the closing day: both give 15 Mar 2027, basis closure")
        << true << QDate(2020, 3, 15) << QDate(2002, 3, 15) << false << false << 7 << "closure" << QDate(2027, 3, 15)
        << QDate(2027, 3, 15);
    QTest::addRow("17 at closure, DOB 2003-01-10: 25th birthday 10 Jan 2028 beats 15 Mar 2027")
        << true << QDate(2020, 3, 15) << QDate(2003, 1, 10) << false << false << 7 << "majority" << QDate(2028, 1, 10)
        << QDate(2028, 1, 10);
    QTest::addRow("closed on 29 Feb 2024: 7 years on is 1 Mar 2031 (R1, the later reading)")
        << true << QDate(2024, 2, 29) << QDate(1980, 1, 1) << false << false << 7 << "closure" << QDate(2031, 3, 1)
        << QDate(2031, 3, 1);
    QTest::addRow("closed on 29 Feb 2024, firm keeps 8 years: 29 Feb 2032 exists")
        << true << QDate(2024, 2, 29) << QDate(1980, 1, 1) << false << false << 8 << "closure" << QDate(2032, 2, 29)
        << QDate(2032, 2, 29);
    QTest::addRow("born 29 Feb 2008, closed 10 Jan 2021: 18 on 1 Mar 2026 (R2), review 1 Mar 2033")
        << true << QDate(2021, 1, 10) << QDate(2008, 2, 29) << false << false << 7 << "majority" << QDate(2033, 3, 1)
        << QDate(2033, 3, 1);
    QTest::addRow("firm keeps 15 years (negligence longstop): closed 15 Mar 2020, review 15 Mar 2035")
        << true << QDate(2020, 3, 15) << QDate(1980, 1, 1) << false << false << 15 << "closure" << QDate(2035, 3, 15)
        << QDate(2035, 3, 15);
    QTest::addRow("capacity concern: manual review, listed from the closure date")
        << true << QDate(2020, 3, 15) << QDate(1980, 1, 1) << true << false << 7 << "manual" << none
        << QDate(2027, 3, 15);
    QTest::addRow("CICA claim: manual review (R4)") << true << QDate(2020, 3, 15) << QDate(2010, 6, 1) << false << true
                                                    << 7 << "manual" << none << QDate(2035, 6, 1);
    QTest::addRow("no date of birth: manual review (R3), listed from the closure date")
        << true << QDate(2020, 3, 15) << none << false << false << 7 << "manual" << none << QDate(2027, 3, 15);
    QTest::addRow("closed without a closing date: manual review, listed at once")
        << true << none << QDate(1980, 1, 1) << false << false << 7 << "manual" << none << none;
    QTest::addRow("open case: no review date")
        << false << none << QDate(1980, 1, 1) << false << false << 7 << "not-closed" << none << none;
}

void TestRetention::reviewDate()
{
    QFETCH(bool, closed);
    QFETCH(QDate, closedOn);
    QFETCH(QDate, dateOfBirth);
    QFETCH(bool, capacity);
    QFETCH(bool, cica);
    QFETCH(int, yearsAfterClosure);
    QFETCH(QString, basis);
    QFETCH(QDate, reviewOn);
    QFETCH(QDate, listFrom);
    RetentionPolicy policy;
    policy.yearsAfterClosure = yearsAfterClosure;
    const RetentionDecision d = destroyReviewDate({closed, closedOn, dateOfBirth, capacity, cica}, policy);
    QCOMPARE(reviewBasisId(d.basis), basis);
    QCOMPARE(d.reviewOn, reviewOn);
    QCOMPARE(d.listFrom, listFrom);
    QVERIFY(!d.explanation.isEmpty());
    QCOMPARE(d.isManual(), !d.manualReasons.isEmpty());
    if (d.basis == ReviewBasis::Closure || d.basis == ReviewBasis::Majority) {
        QVERIFY2(d.explanation.last().contains(QStringLiteral("DOMAIN §8")), qPrintable(d.explanation.last()));
    }
}

void TestRetention::policyLimits()
{
    RetentionPolicy p;
    QVERIFY(p.problem().isEmpty());
    QCOMPARE(p.yearsAfterClosure, 7);
    QCOMPARE(p.yearsAfterEighteenth, 7);
    p.yearsAfterClosure = 5;
    QVERIFY(!p.problem().isEmpty());
    p.yearsAfterClosure = 6;
    QVERIFY(p.problem().isEmpty());
    p.yearsAfterEighteenth = 31;
    QVERIFY(!p.problem().isEmpty());
}

void TestRetention::reasonNamingTheClient_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("names");
    QTest::addRow("full name") << QStringLiteral("Erase at Zebulon Quartzfield's request") << true;
    QTest::addRow("surname alone, any case") << QStringLiteral("QUARTZFIELD asked us to erase the file") << true;
    QTest::addRow("former name") << QStringLiteral("client formerly Zebulon Oldmarkerby") << true;
    QTest::addRow("accents folded") << QStringLiteral("Requested by Zebulon Quärtzfield") << true;
    QTest::addRow("no name") << QStringLiteral("Retention period over and the file was reviewed") << false;
    QTest::addRow("surname inside another word is not a name")
        << QStringLiteral("Quartzfields are not a person") << false;
}

void TestRetention::reasonNamingTheClient()
{
    QFETCH(QString, reason);
    QFETCH(bool, names);
    QCOMPARE(reasonNamesClient(reason, kClientName, QString(), {kFormerName}), names);
}

void TestRetention::tombstoneNameFormsMeet()
{
    auto meets = [](const QString& a, const QString& b) {
        const QStringList fa = tombstoneNameForms(a);
        for (const QString& f : tombstoneNameForms(b)) {
            if (fa.contains(f)) {
                return true;
            }
        }
        return false;
    };
    QVERIFY(meets(QStringLiteral("Jane Doe"), QStringLiteral("DOE, Jane")));
    QVERIFY(meets(QStringLiteral("Jane Mary Doe"), QStringLiteral("Jane Doe")));
    QVERIFY(meets(QStringLiteral("Zoë Müller"), QStringLiteral("zoe muller")));
    QVERIFY(!meets(QStringLiteral("Jane Doe"), QStringLiteral("John Doe")));
    QVERIFY(tombstoneNameForms(QString()).isEmpty());
    for (const QString& form : tombstoneNameForms(kClientName)) {
        QVERIFY(form.startsWith(QStringLiteral("full:")) || form.startsWith(QStringLiteral("fl:")));
    }
}

// --- Legal hold --------------------------------------------------------------------------------------------------

void TestRetention::holdNeedsSupervisorAndReasonAndIsAudited()
{
    TestFirm firm;
    CaseService cases(firm.solicitor());
    const qint64 id = createClosed(cases, closedCandidate(), QDate(2019, 1, 10));
    QVERIFY(id > 0);
    const QString ref = referenceOf(firm.solicitor(), id);

    CaseService solCases(firm.solicitor());
    RetentionService asSolicitor(firm.solicitor(), solCases);
    const int refusals = auditCount(firm.supervisor(), QStringLiteral("permission.denied"));
    QCOMPARE_ERROR(asSolicitor.placeHold(ref, kReason), ErrorCode::PermissionDenied);
    QCOMPARE(auditCount(firm.supervisor(), QStringLiteral("permission.denied")), refusals + 1);
    CaseService adminCases(firm.admin());
    RetentionService asAdmin(firm.admin(), adminCases);
    QCOMPARE_ERROR(asAdmin.placeHold(ref, kReason), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(asAdmin.due(TestFirm::today(), 30), ErrorCode::PermissionDenied);

    CaseService samCases(firm.supervisor());
    RetentionService sam(firm.supervisor(), samCases);
    QCOMPARE_ERROR(sam.placeHold(ref, QStringLiteral("short")), ErrorCode::InvalidInput);
    QCOMPARE_ERROR(sam.placeHold(ref, QStringLiteral("Complaint by Zebulon Quartzfield")), ErrorCode::InvalidInput);
    QCOMPARE_ERROR(sam.placeHold(QStringLiteral("CD-1999-0001"), kReason), ErrorCode::NotFound);
    QVERIFY_OK(sam.placeHold(ref, QStringLiteral("Complaint to the Legal Ombudsman pending")));
    QCOMPARE_ERROR(sam.placeHold(ref, QStringLiteral("Second hold for the insurer")), ErrorCode::InvalidInput);
    auto row = sam.status(ref, TestFirm::today());
    QVERIFY_OK(row);
    QVERIFY(row->onHold);
    QCOMPARE(row->holdBy, QStringLiteral("sam"));
    QCOMPARE(row->holdReason, QStringLiteral("Complaint to the Legal Ombudsman pending"));
    QCOMPARE(placeHoldRefusal(*row, Role::Supervisor), QStringLiteral("%1 is already on legal hold.").arg(ref));
    QVERIFY(releaseHoldRefusal(*row, Role::Supervisor).isEmpty());
    QVERIFY(!releaseHoldRefusal(*row, Role::Solicitor).isEmpty());

    QCOMPARE_ERROR(asSolicitor.releaseHold(ref, kReason), ErrorCode::PermissionDenied);
    QVERIFY_OK(sam.releaseHold(ref, QStringLiteral("Ombudsman closed the complaint")));
    QCOMPARE_ERROR(sam.releaseHold(ref, QStringLiteral("Ombudsman closed the complaint")), ErrorCode::InvalidInput);
    auto after = sam.status(ref, TestFirm::today());
    QVERIFY_OK(after);
    QVERIFY(!after->onHold);

    auto history = AuditLog::listFor(firm.supervisor().connection(), QStringLiteral("case"), ref);
    QVERIFY_OK(history);
    QStringList actions;
    for (const AuditEntry& e : *history) {
        actions << e.action;
        if (e.action == QStringLiteral("retention.hold")) {
            QCOMPARE(e.username, QStringLiteral("sam"));
            QCOMPARE(e.summary.value(QStringLiteral("reason")).toString(),
                     QStringLiteral("Complaint to the Legal Ombudsman pending"));
        }
    }
    QVERIFY(actions.contains(QStringLiteral("retention.hold")));
    QVERIFY(actions.contains(QStringLiteral("retention.release")));
}

void TestRetention::holdBlocksErasure()
{
    TestFirm firm;
    Vault& sue = secondSupervisor(firm);
    CaseService cases(firm.solicitor());
    const qint64 id = createClosed(cases, closedCandidate(), QDate(2019, 1, 10));
    QVERIFY(id > 0);
    const QString ref = referenceOf(firm.solicitor(), id);
    CaseService samCases(firm.supervisor());
    RetentionService sam(firm.supervisor(), samCases);
    CaseService sueCases(sue);
    RetentionService sueRetention(sue, sueCases);

    QVERIFY_OK(sam.placeHold(ref, QStringLiteral("Claim against the firm threatened")));
    QCOMPARE_ERROR(sam.requestErasure(ref, kReason), ErrorCode::InvalidInput);  // held: not even asked for
    QVERIFY_OK(sam.releaseHold(ref, QStringLiteral("Threat withdrawn in writing")));
    QVERIFY_OK(sam.requestErasure(ref, kReason));
    // A hold placed after the request still blocks the approval.
    QVERIFY_OK(sueRetention.placeHold(ref, QStringLiteral("Insurer asked us to keep the file")));
    firm.clock().advanceSeconds(kErasureWaitSeconds + 60);
    auto refused = sueRetention.approveErasure(ref);
    QCOMPARE_ERROR(refused, ErrorCode::InvalidInput);
    QVERIFY2(refused.error().message.contains(QStringLiteral("legal hold")), qPrintable(refused.error().message));
    QVERIFY(referenceOf(sue, id) == ref);  // still there
    QVERIFY_OK(sueRetention.releaseHold(ref, QStringLiteral("Insurer confirmed it is not needed")));
    QVERIFY_OK(sueRetention.approveErasure(ref));
    QVERIFY(referenceOf(sue, id).isEmpty());
}

// --- Two-person erasure ------------------------------------------------------------------------------------------

void TestRetention::erasureNeedsTwoSupervisorsAndTwentyFourHours()
{
    TestFirm firm;
    Vault& sue = secondSupervisor(firm);
    CaseService cases(firm.solicitor());
    const qint64 id = createClosed(cases, closedCandidate(), QDate(2019, 1, 10));
    QVERIFY(id > 0);
    const QString ref = referenceOf(firm.solicitor(), id);
    CaseService samCases(firm.supervisor());
    RetentionService sam(firm.supervisor(), samCases);
    CaseService sueCases(sue);
    RetentionService sueRetention(sue, sueCases);
    RetentionService sol(firm.solicitor(), cases);

    QCOMPARE_ERROR(sol.requestErasure(ref, kReason), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(sueRetention.approveErasure(ref), ErrorCode::InvalidInput);  // nobody asked yet
    QCOMPARE_ERROR(sam.requestErasure(ref, QStringLiteral("Erase Quartzfield now")), ErrorCode::InvalidInput);
    QVERIFY_OK(sam.requestErasure(ref, kReason));
    QCOMPARE_ERROR(sam.requestErasure(ref, kReason), ErrorCode::InvalidInput);  // one request at a time

    // The requester can never approve, not even after the wait; the refusal is recorded.
    firm.clock().advanceSeconds(kErasureWaitSeconds + 1);
    const int refusals = auditCount(firm.supervisor(), QStringLiteral("permission.denied"));
    QCOMPARE_ERROR(sam.approveErasure(ref), ErrorCode::PermissionDenied);
    QCOMPARE(auditCount(firm.supervisor(), QStringLiteral("permission.denied")), refusals + 1);
    QCOMPARE_ERROR(sol.approveErasure(ref), ErrorCode::PermissionDenied);
    firm.clock().advanceSeconds(-(kErasureWaitSeconds + 1));

    // Another supervisor, one minute short of 24 hours: refused, saying when.
    firm.clock().advanceSeconds(kErasureWaitSeconds - 60);
    auto early = sueRetention.approveErasure(ref);
    QCOMPARE_ERROR(early, ErrorCode::InvalidInput);
    QVERIFY2(early.error().message.contains(QStringLiteral("24 hours")), qPrintable(early.error().message));
    auto row = sueRetention.status(ref, TestFirm::today());
    QVERIFY_OK(row);
    QVERIFY(!approvalRefusal(*row, QStringLiteral("sue"), Role::Supervisor, sue.now()).isEmpty());
    QCOMPARE(approvalRefusal(*row, QStringLiteral("sam"), Role::Supervisor, sue.now()),
             QStringLiteral("You asked for %1 to be erased: another supervisor must approve it.").arg(ref));

    // Exactly 24 hours after the request: approved.
    firm.clock().advanceSeconds(60);
    QVERIFY(approvalRefusal(*row, QStringLiteral("sue"), Role::Supervisor, sue.now()).isEmpty());
    auto receipt = sueRetention.approveErasure(ref);
    QVERIFY_OK(receipt);
    QCOMPARE(receipt->reference, ref);
    QVERIFY(receipt->compacted);
    QVERIFY(receipt->rowsDeleted > 0);
    QCOMPARE_ERROR(sueRetention.approveErasure(ref), ErrorCode::NotFound);  // already erased
    auto erased = sueRetention.erasedCase(ref);
    QVERIFY_OK(erased);
    QVERIFY(erased->has_value());
    QCOMPARE((*erased)->requestedBy, QStringLiteral("sam"));
    QCOMPARE((*erased)->erasedBy, QStringLiteral("sue"));
    QCOMPARE((*erased)->closedOn, QDate(2019, 1, 10));
    QCOMPARE((*erased)->openedOn, QDate(2015, 5, 1));

    // The audit trail keeps the events, and its chain is intact.
    auto history = AuditLog::listFor(sue.connection(), QStringLiteral("case"), ref);
    QVERIFY_OK(history);
    QCOMPARE(history->back().action, QStringLiteral("erasure.compact"));  // VACUUM done, after the commit
    QVERIFY(history->size() >= 2);
    const AuditEntry& last = history->at(history->size() - 2);
    QCOMPARE(last.action, QStringLiteral("erasure.approve"));
    QCOMPARE(last.username, QStringLiteral("sue"));
    QCOMPARE(last.summary.value(QStringLiteral("requestedBy")).toString(), QStringLiteral("sam"));
    QVERIFY(last.summary.value(QStringLiteral("rowsDeleted")).toObject().value(QStringLiteral("cases")).toInt() == 1);
    auto chain = AuditLog::verify(sue.connection());
    QVERIFY_OK(chain);
    QVERIFY(chain->intact);
}

void TestRetention::openCaseCannotBeErased()
{
    TestFirm firm;
    Vault& sue = secondSupervisor(firm);
    CaseService cases(firm.solicitor());
    auto open = cases.create(closedCandidate());
    QVERIFY_OK(open);
    CaseService samCases(firm.supervisor());
    RetentionService sam(firm.supervisor(), samCases);
    auto refused = sam.requestErasure(open->reference, kReason);
    QCOMPARE_ERROR(refused, ErrorCode::InvalidInput);
    QVERIFY(refused.error().message.contains(QStringLiteral("not closed")));

    // Closed, requested, then reopened: the approval is refused.
    const qint64 id = createClosed(cases, closedCandidate(QStringLiteral("Robin Twiceclosed")), QDate(2019, 1, 10));
    const QString ref = referenceOf(firm.solicitor(), id);
    QVERIFY_OK(sam.requestErasure(ref, kReason));
    auto record = cases.load(id);
    QVERIFY_OK(record);
    record->stage = Stage::Negotiation;
    record->closedOn = QDate();
    QVERIFY_OK(cases.save(*record));
    firm.clock().advanceSeconds(kErasureWaitSeconds);
    CaseService sueCases(sue);
    RetentionService sueRetention(sue, sueCases);
    auto notClosed = sueRetention.approveErasure(ref);
    QCOMPARE_ERROR(notClosed, ErrorCode::InvalidInput);
    QVERIFY(notClosed.error().message.contains(QStringLiteral("not closed")));
    // The pending request can be withdrawn.
    QVERIFY_OK(sueRetention.withdrawErasure(ref, QStringLiteral("Case reopened for a new claim")));
    auto row = sueRetention.status(ref, TestFirm::today());
    QVERIFY_OK(row);
    QVERIFY(!row->erasureRequested);
}

// --- The report --------------------------------------------------------------------------------------------------

void TestRetention::reportListsDueCasesWithHoldStatus()
{
    TestFirm firm;
    CaseService cases(firm.solicitor());
    // Today is 27 Nov 2026. Adults closed on these days are due 7 years later.
    const qint64 due = createClosed(cases, closedCandidate(QStringLiteral("Ada Due")), QDate(2019, 1, 10));
    const qint64 soon = createClosed(cases, closedCandidate(QStringLiteral("Ben Soon")), QDate(2019, 12, 20));
    const qint64 later = createClosed(cases, closedCandidate(QStringLiteral("Cy Later")), QDate(2021, 6, 1));
    NewCase child = closedCandidate(QStringLiteral("Di Child"));
    child.client.dateOfBirth = QDate(2008, 5, 5);
    const qint64 minor = createClosed(cases, child, QDate(2018, 1, 10));  // 25th birthday 5 May 2033
    NewCase capacity = closedCandidate(QStringLiteral("Ed Capacity"));
    capacity.client.capacityConcern = true;
    const qint64 manual = createClosed(cases, capacity, QDate(2018, 1, 10));
    auto open = cases.create(closedCandidate(QStringLiteral("Flo Open")));
    QVERIFY(due > 0 && soon > 0 && later > 0 && minor > 0 && manual > 0);
    QVERIFY_OK(open);

    CaseService samCases(firm.supervisor());
    RetentionService sam(firm.supervisor(), samCases);
    const QString dueRef = referenceOf(firm.supervisor(), due);
    QVERIFY_OK(sam.placeHold(dueRef, QStringLiteral("Costs assessment still running")));

    auto rows = sam.due(TestFirm::today(), 30);
    QVERIFY_OK(rows);
    QStringList refs;
    for (const RetentionRow& r : *rows) {
        refs << r.reference;
    }
    // Due now (held), the manual review (its closure date has passed), and the one due in 23 days.
    QCOMPARE(refs,
             (QStringList {referenceOf(firm.supervisor(), manual), dueRef, referenceOf(firm.supervisor(), soon)}));
    const RetentionRow& held = rows->at(1);
    QVERIFY(held.due);
    QVERIFY(held.onHold);
    QCOMPARE(held.holdReason, QStringLiteral("Costs assessment still running"));
    QCOMPARE(held.decision.reviewOn, QDate(2026, 1, 10));
    QVERIFY(rows->at(0).decision.isManual());
    QVERIFY(rows->at(0).due);
    QVERIFY(!rows->at(2).due);
    QCOMPARE(rows->at(2).decision.reviewOn, QDate(2026, 12, 20));

    // Nothing within 0 days but the due ones; a long window reaches the later case, never the open one.
    auto today = sam.due(TestFirm::today(), 0);
    QVERIFY_OK(today);
    QCOMPARE(today->size(), std::size_t {2});
    auto years = sam.due(TestFirm::today(), 3650);
    QVERIFY_OK(years);
    QStringList all;
    for (const RetentionRow& r : *years) {
        all << r.reference;
    }
    QVERIFY(all.contains(referenceOf(firm.supervisor(), later)));
    QVERIFY(all.contains(referenceOf(firm.supervisor(), minor)));
    QVERIFY(!all.contains(open->reference));
    QCOMPARE_ERROR(sam.due(TestFirm::today(), -1), ErrorCode::InvalidInput);
    QCOMPARE_ERROR(sam.due(TestFirm::today(), 3651), ErrorCode::InvalidInput);
    RetentionService sol(firm.solicitor(), cases);
    QCOMPARE_ERROR(sol.due(TestFirm::today(), 30), ErrorCode::PermissionDenied);

    // The document: references only, never a client's name.
    auto document = sam.document(TestFirm::today(), 30);
    QVERIFY_OK(document);
    const QString text = document->plainText();
    QVERIFY(text.contains(QStringLiteral("Retention review")));
    QVERIFY(text.contains(dueRef));
    QVERIFY(text.contains(QStringLiteral("Costs assessment still running")));
    QVERIFY(text.contains(QStringLiteral("Manual review: capacity concern")));
    QVERIFY(text.contains(QStringLiteral("Due in 23 days")));
    for (const QString& name : {QStringLiteral("Ada Due"), QStringLiteral("Ben Soon"), QStringLiteral("Ed Capacity")}) {
        QVERIFY2(!text.contains(name), qPrintable(name));
    }
    const QByteArray csv = reports::toCsv(*document);
    QVERIFY(csv.contains("reference,closed_on,review_on,basis,due"));
    QVERIFY(csv.contains(QStringLiteral("%1,2019-01-10,2026-01-10,closure,yes").arg(dueRef).toUtf8()));
}

void TestRetention::policyIsConfigurable()
{
    TestFirm firm;
    CaseService cases(firm.solicitor());
    const qint64 id = createClosed(cases, closedCandidate(), QDate(2019, 1, 10));
    CaseService samCases(firm.supervisor());
    RetentionService sam(firm.supervisor(), samCases);
    const QString ref = referenceOf(firm.supervisor(), id);
    auto before = sam.status(ref, TestFirm::today());
    QVERIFY_OK(before);
    QCOMPARE(before->decision.reviewOn, QDate(2026, 1, 10));

    RetentionService sol(firm.solicitor(), cases);
    QCOMPARE_ERROR(sol.setPolicy({15, 7}), ErrorCode::PermissionDenied);
    QCOMPARE_ERROR(sam.setPolicy({5, 7}), ErrorCode::InvalidInput);
    QVERIFY_OK(sam.setPolicy({15, 7}));
    QCOMPARE(sam.policy().yearsAfterClosure, 15);
    auto after = sam.status(ref, TestFirm::today());
    QVERIFY_OK(after);
    QCOMPARE(after->decision.reviewOn, QDate(2034, 1, 10));
    QVERIFY(!after->due);
}

// --- Every trace -------------------------------------------------------------------------------------------------

void TestRetention::erasureRemovesEveryTraceButTheTombstone()
{
    TestFirm firm;
    Vault& sue = secondSupervisor(firm);
    Vault& sol = firm.solicitor();
    CaseService cases(sol);

    // The intake draft (deleted when the case is created from it), the conflict check recorded with the case.
    auto draft = cases.saveDraft(0, QJsonObject {{QStringLiteral("client"), kDraft}});
    QVERIFY_OK(draft);
    NewCase n = closedCandidate();
    n.client.formerNames = QStringList {kFormerName};
    n.account = kAccount;
    n.fromDraftId = *draft;
    n.parties.push_back({Party {0, PartyKind::Person, kAbuser, {}}, PartyRole::Abuser});
    n.parties.push_back(
        {Party {0, PartyKind::Organisation, QStringLiteral("St Shared's Home"), {}}, PartyRole::Institution});
    ConflictService conflicts(sol);
    auto found = conflicts.check(kClientName);
    QVERIFY_OK(found);
    n.conflictChecks.push_back({kClientName, n.client.dateOfBirth, *found});
    const qint64 id = createClosed(cases, n, QDate(2019, 1, 10));
    QVERIFY(id > 0);
    const QString ref = referenceOf(sol, id);
    QVERIFY_OK(cases.addNote(id, kNote, true));
    deadlines::DeadlineService deadlineService(sol, cases);
    deadlines::Event served;
    served.type = deadlines::EventType::LetterOfClaimPosted;
    served.date = QDate(2018, 12, 1);
    QVERIFY_OK(deadlineService.addEvent(id, served, kEventNote));
    {
        // Therapy-fund rows of a finished request, written directly (the fund's own flow is tested elsewhere).
        sql::Connection& db = firm.supervisor().connection();
        const char* script[] = {
            "INSERT INTO therapy_providers (id, name, updated_by, updated_at) VALUES (900, 'Shared Clinic', 'sam', '')",
            "INSERT INTO therapy_requests (id, case_id, fund_year, requester, requested_on, funding, diagnosis, risk, "
            "modality, delivery, status, updated_by, updated_at) VALUES (900, ?1, 2018, 'sol', '2018-02-01', "
            "'firm-fund', 'THERAPYMARKERDELTA ptsd', 'low', 'emdr', 'in-person', 'closed', 'sam', '')",
            "INSERT INTO therapy_decisions (request_id, from_status, to_status, decided_by, decided_at, "
            "sessions_approved, cap_pence, authority_limit_pence, note) VALUES (900, 'awaiting-approval', 'approved', "
            "'sam', '', 10, 90000, 300000, 'THERAPYMARKERDELTA decision')",
            "INSERT INTO therapy_sessions (request_id, held_on, outcome, charged, note, recorded_by, recorded_at) "
            "VALUES (900, '2018-03-01', 'attended', 1, 'THERAPYMARKERDELTA session', 'sol', '')",
            "INSERT INTO therapy_invoices (id, request_id, provider_id, number, number_key, invoice_date, received_on, "
            "amount_pence, recorded_by, recorded_at) VALUES (900, 900, 900, 'T-1', 'T1', '2018-03-02', '2018-03-02', "
            "9000, 'sol', '')",
            "INSERT INTO therapy_payments (invoice_id, request_id, paid_on, amount_pence, reference, paid_by, "
            "recorded_at) VALUES (900, 900, '2018-03-10', 9000, 'THERAPYMARKERDELTA pay', 'sam', '')",
        };
        for (const char* text : script) {
            auto stmt = db.prepare(text);
            QVERIFY_OK(stmt);
            if (QByteArray(text).contains("?1")) {
                stmt->bind(1, id);
            }
            QVERIFY_OK(stmt->run());
        }
    }
    // A second case that shares an institution, and another case's conflict check that found this client.
    const qint64 other = createClosed(
        cases, closedCandidate(QStringLiteral("Olive Other"), QStringLiteral("Elsewhere")), QDate(2020, 1, 1));
    QVERIFY(other > 0);
    {
        auto otherCase = cases.load(other);
        QVERIFY_OK(otherCase);
        otherCase->parties.push_back(
            {Party {0, PartyKind::Organisation, QStringLiteral("St Shared's Home"), {}}, PartyRole::Institution});
        QVERIFY_OK(cases.save(*otherCase));
    }
    // (A misspelt name, so the check's own query is not the marker; its result names the client.)
    auto matches = conflicts.check(QStringLiteral("Zebulon Quartzfeld"));
    QVERIFY_OK(matches);
    QVERIFY(!matches->empty());
    QVERIFY_OK(conflicts.record(other, QStringLiteral("Zebulon Quartzfeld"), {}, *matches));

    CaseService samCases(firm.supervisor());
    RetentionService sam(firm.supervisor(), samCases);
    QVERIFY_OK(sam.placeHold(ref, QStringLiteral("Costs assessment still running")));
    QVERIFY_OK(sam.releaseHold(ref, QStringLiteral("Costs assessment finished")));

    const SecureBytes& key = firm.supervisor().vaultKeyForTests();
    const int pageSize = firm.supervisor().cipherProfile().pageSize;
    // Before: the scanner sees the planted markers in the decrypted pages, and none in the raw file.
    const QByteArray beforePages = decryptedPages(firm.path(), key, pageSize);
    QVERIFY2(!beforePages.isEmpty(), "the vault's pages did not decrypt");
    const QStringList plantedFound = markersIn(beforePages);
    for (const QString& planted :
         {QStringLiteral("Quartzfield"), QStringLiteral("ACCTMARKER7731"), QStringLiteral("NOTEMARKERALPHA"),
          QStringLiteral("Locmarkerwick"), QStringLiteral("EVENTMARKERBETA"), QStringLiteral("THERAPYMARKERDELTA")}) {
        QVERIFY2(plantedFound.contains(planted), qPrintable(planted));
    }
    QVERIFY(markersIn(claimdesk::test::readAll(firm.path())).isEmpty());

    QVERIFY_OK(sam.requestErasure(ref, kReason));
    firm.clock().advanceSeconds(kErasureWaitSeconds);
    CaseService sueCases(sue);
    RetentionService sueRetention(sue, sueCases);
    auto receipt = sueRetention.approveErasure(ref);
    QVERIFY_OK(receipt);
    QVERIFY2(receipt->compacted, qPrintable(receipt->compactProblem));

    // 1. The raw file: encrypted, and no marker in it.
    const QByteArray raw = claimdesk::test::readAll(firm.path());
    QVERIFY(!raw.startsWith("SQLite format 3"));
    QCOMPARE(markersIn(raw), QStringList());
    QVERIFY(!QFileInfo::exists(firm.path() + QStringLiteral("-journal")));

    // 2. Every decrypted page, free space included: no marker; the tombstone's reference is there.
    const QByteArray pages = decryptedPages(firm.path(), key, pageSize);
    QVERIFY2(!pages.isEmpty(), "the vault's pages did not decrypt");
    QCOMPARE(markersIn(pages), QStringList());
    QVERIFY(pages.contains(ref.toUtf8()));

    // 3. Opened with the key: every column of every row of every table (text and blobs).
    auto db = Vault::openDatabase(firm.path(), key, firm.supervisor().cipherProfile(), firm.options(), false);
    QVERIFY_OK(db);
    auto freePages = db->scalarInt("PRAGMA freelist_count");
    QVERIFY_OK(freePages);
    QCOMPARE(*freePages, qint64 {0});
    for (const QString& table : tables(*db)) {
        const QByteArray select = "SELECT * FROM \"" + table.toUtf8() + "\"";
        auto stmt = db->prepare(select.constData());
        QVERIFY_OK(stmt);
        const bool hasCaseId = [&] {
            auto info = db->prepare(QByteArray("PRAGMA table_info(\"" + table.toUtf8() + "\")").constData());
            while (info && info->step().value()) {
                if (info->text(1) == QStringLiteral("case_id")) {
                    return true;
                }
            }
            return false;
        }();
        while (true) {
            auto row = stmt->step();
            QVERIFY_OK(row);
            if (!*row) {
                break;
            }
            for (int c = 0; c < stmt->columnCount(); ++c) {
                const QStringList leaked = markersIn(stmt->blob(c));
                QVERIFY2(leaked.isEmpty(),
                         qPrintable(QStringLiteral("%1 in %2").arg(leaked.join(QLatin1Char(',')), table)));
            }
        }
        if (hasCaseId) {
            auto left = db->prepare(
                QByteArray("SELECT count(*) FROM \"" + table.toUtf8() + "\" WHERE case_id = ?1").constData());
            QVERIFY_OK(left);
            QVERIFY(left->bind(1, id).step().value());
            QVERIFY2(left->int64(0) == 0, qPrintable(table));
        }
    }
    auto tombstone = db->prepare("SELECT reference, erased_by FROM erased_cases");
    QVERIFY_OK(tombstone);
    QVERIFY(tombstone->step().value());
    QCOMPARE(tombstone->text(0), ref);
    QCOMPARE(tombstone->text(1), QStringLiteral("sue"));
    tombstone.value() = {};
    auto hashes = db->scalarInt("SELECT count(*) FROM erased_case_names");
    QVERIFY_OK(hashes);
    QVERIFY(*hashes >= 2);
    // The other case, its shared institution and its conflict check stay; the check no longer names the client.
    auto kept = db->scalarInt("SELECT count(*) FROM parties WHERE name = 'St Shared''s Home'");
    QVERIFY_OK(kept);
    QCOMPARE(*kept, qint64 {1});
    auto otherChecks = db->scalarText("SELECT result FROM conflict_checks");
    QVERIFY_OK(otherChecks);
    QVERIFY2(otherChecks->contains(QStringLiteral("erased case %1").arg(ref)), qPrintable(*otherChecks));
    auto others = db->scalarInt("SELECT count(*) FROM cases");
    QVERIFY_OK(others);
    QCOMPARE(*others, qint64 {1});

    // 4. A plaintext copy of the whole database (sqlcipher_export), searched byte for byte.
    const QString plainPath = QFileInfo(firm.path()).dir().filePath(QStringLiteral("plain.sqlite"));
    {
        QFile create(plainPath);
        QVERIFY(create.open(QIODevice::WriteOnly));
    }
    auto attach = db->prepare("ATTACH DATABASE ?1 AS plaintext KEY ''");
    QVERIFY_OK(attach);
    QVERIFY_OK(attach->bind(1, plainPath).run());
    attach.value() = {};
    QVERIFY_OK(db->exec("SELECT sqlcipher_export('plaintext')"));
    QVERIFY_OK(db->exec("DETACH DATABASE plaintext"));
    const QByteArray plain = claimdesk::test::readAll(plainPath);
    QVERIFY(plain.startsWith("SQLite format 3"));
    QCOMPARE(markersIn(plain), QStringList());
    QVERIFY(plain.contains(ref.toUtf8()));
    QFile::remove(plainPath);

    // The audit trail kept the events, not the data, and its chain is intact.
    auto chain = AuditLog::verify(sue.connection());
    QVERIFY_OK(chain);
    QVERIFY(chain->intact);
    QCOMPARE(auditCount(sue, QStringLiteral("erasure.approve")), 1);
}

void TestRetention::sharedClientAndPartiesStay()
{
    TestFirm firm;
    Vault& sue = secondSupervisor(firm);
    CaseService cases(firm.solicitor());
    NewCase first = closedCandidate(QStringLiteral("Sam Twocases"));
    first.parties.push_back({Party {0, PartyKind::Person, QStringLiteral("Only Onfirst"), {}}, PartyRole::Abuser});
    first.parties.push_back(
        {Party {0, PartyKind::Organisation, QStringLiteral("Both Cases Trust"), {}}, PartyRole::Institution});
    const qint64 a = createClosed(cases, first, QDate(2019, 1, 10));
    QVERIFY(a > 0);
    // A second case of the same client (same client row).
    NewCase second = closedCandidate(QStringLiteral("Sam Twocases"));
    second.parties.push_back(
        {Party {0, PartyKind::Organisation, QStringLiteral("Both Cases Trust"), {}}, PartyRole::Institution});
    const qint64 b = createClosed(cases, second, QDate(2019, 2, 10));
    QVERIFY(b > 0);
    sql::Connection& db = firm.supervisor().connection();
    auto clientOfA = db.prepare("SELECT client_id FROM cases WHERE id = ?1");
    QVERIFY_OK(clientOfA);
    QVERIFY(clientOfA->bind(1, a).step().value());
    const qint64 clientId = clientOfA->int64(0);
    clientOfA.value() = {};
    auto share = db.prepare("UPDATE cases SET client_id = ?1 WHERE id = ?2");
    QVERIFY_OK(share);
    QVERIFY_OK(share->bind(1, clientId).bind(2, b).run());
    share.value() = {};

    CaseService samCases(firm.supervisor());
    RetentionService sam(firm.supervisor(), samCases);
    const QString refA = referenceOf(firm.supervisor(), a);
    QVERIFY_OK(sam.requestErasure(refA, kReason));
    firm.clock().advanceSeconds(kErasureWaitSeconds);
    CaseService sueCases(sue);
    RetentionService sueRetention(sue, sueCases);
    QVERIFY_OK(sueRetention.approveErasure(refA));

    auto client
        = db.scalarInt(QStringLiteral("SELECT count(*) FROM clients WHERE id = %1").arg(clientId).toUtf8().constData());
    QVERIFY_OK(client);
    QCOMPARE(*client, qint64 {1});  // the other case still needs the client
    auto onlyA = db.scalarInt("SELECT count(*) FROM parties WHERE name = 'Only Onfirst'");
    QVERIFY_OK(onlyA);
    QCOMPARE(*onlyA, qint64 {0});
    auto shared = db.scalarInt("SELECT count(*) FROM parties WHERE name = 'Both Cases Trust'");
    QVERIFY_OK(shared);
    QCOMPARE(*shared, qint64 {1});
    auto b2 = samCases.load(b);
    QVERIFY_OK(b2);
    QCOMPARE(b2->client.fullName, QStringLiteral("Sam Twocases"));
}

void TestRetention::conflictCheckReportsErasedCase()
{
    TestFirm firm;
    Vault& sue = secondSupervisor(firm);
    CaseService cases(firm.solicitor());
    NewCase n = closedCandidate();
    n.client.preferredName = QStringLiteral("Zeb Quartzfield");
    const qint64 id = createClosed(cases, n, QDate(2019, 1, 10));
    const QString ref = referenceOf(firm.solicitor(), id);
    ConflictService conflicts(firm.solicitor());
    auto before = conflicts.check(QStringLiteral("Zebulon Quartzfield"));
    QVERIFY_OK(before);
    QVERIFY(!before->empty());
    QCOMPARE(before->front().kind, QStringLiteral("client"));

    CaseService samCases(firm.supervisor());
    RetentionService sam(firm.supervisor(), samCases);
    QVERIFY_OK(sam.requestErasure(ref, kReason));
    firm.clock().advanceSeconds(kErasureWaitSeconds);
    CaseService sueCases(sue);
    RetentionService sueRetention(sue, sueCases);
    QVERIFY_OK(sueRetention.approveErasure(ref));

    for (const QString& query : {QStringLiteral("Zebulon Quartzfield"), QStringLiteral("QUARTZFIELD, Zebulon"),
                                 QStringLiteral("Zeb Quartzfield"), QStringLiteral("Zebulon Q. Quartzfield")}) {
        auto after = conflicts.check(query);
        QVERIFY_OK(after);
        QCOMPARE(after->size(), std::size_t {1});
        const ConflictMatch& m = after->front();
        QCOMPARE(m.kind, QStringLiteral("erased-case"));
        QCOMPARE(m.caseReference, ref);
        QVERIFY(m.name.isEmpty());
        QCOMPARE(m.caseId, qint64 {0});
        QCOMPARE(m.reasons, QStringList {QStringLiteral("erased case %1 — ask a supervisor").arg(ref)});
    }
    auto stranger = conflicts.check(QStringLiteral("Zebulon Stranger"));
    QVERIFY_OK(stranger);
    QVERIFY(stranger->empty());
}

// "The audit trail keeps the event, not the data" (issue 7). A case.update entry keeps the old and new client names,
// and the log is append-only and hash-chained, so erasure cannot rewrite it. Instead every entry about a case is sealed
// under that case's own key (crypto-shredding): the names are never in the log's plain text, the case's history opens
// them while the case exists, and erasure destroys the key. The events stay (who, what, when, which reference), the
// erasure's own entries stay readable, and the chain still verifies.
void TestRetention::auditKeepsTheEventNotTheData()
{
    TestFirm firm;
    Vault& sue = secondSupervisor(firm);
    CaseService cases(firm.solicitor());
    const qint64 id = createClosed(cases, closedCandidate(QStringLiteral("Zebulon Wrongspelt")), QDate(2019, 1, 10));
    auto record = cases.load(id);
    QVERIFY_OK(record);
    record->client.fullName = kClientName;  // a correction: case.update records old and new names
    QVERIFY_OK(cases.save(*record));
    const QString ref = record->reference;

    // While the case exists: its history opens the sealed details, and the stored log holds neither name.
    auto before = AuditLog::listFor(sue.connection(), QStringLiteral("case"), ref);
    QVERIFY_OK(before);
    const auto update = std::find_if(before->rbegin(), before->rend(),  // the newest update: the correction
                                     [](const AuditEntry& e) { return e.action == QStringLiteral("case.update"); });
    QVERIFY(update != before->rend());
    QCOMPARE(update->details, AuditEntry::Details::Opened);
    const QString opened = QString::fromUtf8(QJsonDocument(update->summary).toJson());
    QVERIFY2(opened.contains(QStringLiteral("Wrongspelt")) && opened.contains(QStringLiteral("Quartzfield")),
             qPrintable(opened));
    auto stored = sue.connection().scalarText("SELECT group_concat(summary, ' ') FROM audit_log");
    QVERIFY_OK(stored);
    QVERIFY(!stored->contains(QStringLiteral("Wrongspelt")));
    QVERIFY(!stored->contains(QStringLiteral("Quartzfield")));
    QVERIFY(!stored->contains(QStringLiteral("Locmarkerwick")));
    auto keyStmt = sue.connection().prepare("SELECT key FROM case_keys WHERE case_id = ?1");
    QVERIFY_OK(keyStmt);
    QVERIFY(keyStmt->bind(1, id).step().value());
    const QByteArray caseKey = keyStmt->blob(0);
    keyStmt.value() = {};
    QCOMPARE(caseKey.size(), 32);

    CaseService samCases(firm.supervisor());
    RetentionService sam(firm.supervisor(), samCases);
    QVERIFY_OK(sam.requestErasure(ref, kReason));
    firm.clock().advanceSeconds(kErasureWaitSeconds);
    CaseService sueCases(sue);
    RetentionService sueRetention(sue, sueCases);
    auto receipt = sueRetention.approveErasure(ref);
    QVERIFY_OK(receipt);
    QVERIFY2(receipt->compacted, qPrintable(receipt->compactProblem));

    // After: every entry is still there, in order; the case's details are gone, the erasure's own are readable.
    auto after = AuditLog::listFor(sue.connection(), QStringLiteral("case"), ref);
    QVERIFY_OK(after);
    QVERIFY(after->size() > before->size());  // the request and the approval were added
    for (std::size_t i = 0; i < before->size(); ++i) {
        const AuditEntry& was = (*before)[i];
        const AuditEntry& now = (*after)[i];
        QCOMPARE(now.id, was.id);
        QCOMPARE(now.action, was.action);
        QCOMPARE(now.username, was.username);
        QCOMPARE(now.atUtc, was.atUtc);
        QCOMPARE(now.hash, was.hash);
        if (was.details == AuditEntry::Details::Opened) {
            QCOMPARE(now.details, AuditEntry::Details::Erased);
            QVERIFY(now.summary.isEmpty());
        }
    }
    const auto erasedUpdate = std::find_if(after->begin(), after->end(),
                                           [&](const AuditEntry& e) { return e.id == update->id; });
    QVERIFY(erasedUpdate != after->end());
    QCOMPARE(erasedUpdate->details, AuditEntry::Details::Erased);
    QCOMPARE(AuditService::detailsLine(*erasedUpdate), QStringLiteral("(details erased with the case)"));
    QCOMPARE(AuditService::detailsState(*erasedUpdate), QStringLiteral("erased"));
    int erasureEvents = 0;
    for (const AuditEntry& e : *after) {
        if (e.action.startsWith(QStringLiteral("erasure."))) {
            ++erasureEvents;
            QCOMPARE(e.details, AuditEntry::Details::Clear);
            if (e.action == QStringLiteral("erasure.request")) {
                QVERIFY2(QJsonDocument(e.summary).toJson().contains(kReason.toUtf8()),
                         QJsonDocument(e.summary).toJson().constData());
            }
        }
    }
    QVERIFY(erasureEvents >= 2);

    // No entry anywhere names the client, and the case key is in no page of the file, free space included.
    auto all = AuditLog::list(sue.connection());
    QVERIFY_OK(all);
    for (const AuditEntry& e : *all) {
        const QByteArray text = QJsonDocument(e.summary).toJson();
        QVERIFY2(!text.contains("Quartzfield") && !text.contains("Wrongspelt"), text.constData());
    }
    const QByteArray pages =
        decryptedPages(firm.path(), firm.supervisor().vaultKeyForTests(), firm.supervisor().cipherProfile().pageSize);
    QVERIFY2(!pages.isEmpty(), "the vault's pages did not decrypt");
    QVERIFY(!pages.contains(caseKey));
    QVERIFY(!pages.contains("Wrongspelt"));
    auto keys = sue.connection().scalarInt("SELECT count(*) FROM case_keys");
    QVERIFY_OK(keys);
    QCOMPARE(*keys, qint64 {0});
    auto chain = AuditLog::verify(sue.connection());
    QVERIFY_OK(chain);
    QVERIFY2(chain->intact, qPrintable(chain->problem));
}

// When VACUUM could not run (another program had the vault open), the erasure stands and approving the same reference
// again rewrites the file; once done, a further approval says the case is already erased.
void TestRetention::approvingAgainFinishesAnUnfinishedCompaction()
{
    TestFirm firm;
    Vault& sue = secondSupervisor(firm);
    CaseService cases(firm.solicitor());
    const qint64 id = createClosed(cases, closedCandidate(), QDate(2019, 1, 10));
    const QString ref = referenceOf(firm.solicitor(), id);
    CaseService samCases(firm.supervisor());
    RetentionService sam(firm.supervisor(), samCases);
    QVERIFY_OK(sam.requestErasure(ref, kReason));
    firm.clock().advanceSeconds(kErasureWaitSeconds);
    CaseService sueCases(sue);
    RetentionService sueRetention(sue, sueCases);
    QVERIFY_OK(sueRetention.approveErasure(ref));
    QCOMPARE(auditCount(sue, QStringLiteral("erasure.compact")), 1);
    // As if the VACUUM had failed.
    QVERIFY_OK(sue.connection().exec("UPDATE erased_cases SET compacted_at = ''"));
    auto retried = sam.approveErasure(ref);  // any supervisor may finish it
    QVERIFY_OK(retried);
    QVERIFY(retried->compacted);
    QCOMPARE(auditCount(sue, QStringLiteral("erasure.compact")), 2);
    auto done = sam.approveErasure(ref);
    QCOMPARE_ERROR(done, ErrorCode::NotFound);
    QVERIFY(done.error().message.contains(QStringLiteral("already erased")));
}

// A backup made before an erasure still holds the case. The live vault's erasure register, re-applied to the vault
// restored from that backup, erases the case there too: the same tombstone (who asked, who approved, when), the
// data gone from every page, the event recorded as erasure.reapply. Re-applying again changes nothing.
void TestRetention::erasureRegisterCarriesErasuresToARestoredBackup()
{
    TestFirm firm;
    Vault& sue = secondSupervisor(firm);
    CaseService cases(firm.solicitor());
    const qint64 id = createClosed(cases, closedCandidate(), QDate(2019, 1, 10));
    const qint64 other = createClosed(
        cases, closedCandidate(QStringLiteral("Olive Other"), QStringLiteral("Elsewhere")), QDate(2020, 1, 1));
    QVERIFY(id > 0 && other > 0);
    const QString ref = referenceOf(firm.solicitor(), id);
    const QString otherRef = referenceOf(firm.solicitor(), other);
    const QString backup = QFileInfo(firm.path()).dir().filePath(QStringLiteral("before-erasure.claimdesk"));
    QVERIFY_OK(firm.admin().backupTo(backup));

    CaseService samCases(firm.supervisor());
    RetentionService sam(firm.supervisor(), samCases);
    QVERIFY_OK(sam.requestErasure(ref, kReason));
    firm.clock().advanceSeconds(kErasureWaitSeconds);
    CaseService sueCases(sue);
    RetentionService sueRetention(sue, sueCases);
    QVERIFY_OK(sueRetention.approveErasure(ref));
    auto exported = sam.erasureRegister();
    QVERIFY_OK(exported);
    QVERIFY(exported->contains(ref.toUtf8()));
    QVERIFY(!exported->contains("Quartzfield"));
    QCOMPARE(auditCount(firm.supervisor(), QStringLiteral("erasure.register")), 1);

    // The backup, restored: the case is back.
    const QString restoredPath = QFileInfo(firm.path()).dir().filePath(QStringLiteral("restored.claimdesk"));
    auto restored = Vault::restore(backup, restoredPath, QStringLiteral("sam"), TestFirm::passphraseOf(QStringLiteral("sam")),
                                   firm.options());
    QVERIFY_OK(restored);
    Vault& back = **restored;
    CaseService backCases(back);
    RetentionService backRetention(back, backCases);
    QVERIFY_OK(backCases.loadByReference(ref));

    auto outcomes = backRetention.reapplyErasures(*exported);
    QVERIFY_OK(outcomes);
    QCOMPARE(outcomes->size(), std::size_t {1});
    QCOMPARE(outcomes->front().reference, ref);
    QCOMPARE(outcomes->front().outcome, ReappliedErasure::Outcome::Erased);
    QVERIFY(!backCases.loadByReference(ref));
    QVERIFY_OK(backCases.loadByReference(otherRef));  // not in the register: untouched
    auto tombstone = backRetention.erasedCase(ref);
    QVERIFY_OK(tombstone);
    QVERIFY(tombstone->has_value());
    QCOMPARE((*tombstone)->requestedBy, QStringLiteral("sam"));
    QCOMPARE((*tombstone)->erasedBy, QStringLiteral("sue"));
    QCOMPARE(auditCount(back, QStringLiteral("erasure.reapply")), 1);
    const QByteArray pages = decryptedPages(restoredPath, back.vaultKeyForTests(), back.cipherProfile().pageSize);
    QVERIFY2(!pages.isEmpty(), "the restored vault's pages did not decrypt");
    QVERIFY(!pages.contains("Quartzfield"));
    QVERIFY(!pages.contains("Locmarkerwick"));
    auto chain = AuditLog::verify(back.connection());
    QVERIFY_OK(chain);
    QVERIFY(chain->intact);

    auto again = backRetention.reapplyErasures(*exported);
    QVERIFY_OK(again);
    QCOMPARE(again->front().outcome, ReappliedErasure::Outcome::AlreadyErased);
    QCOMPARE(auditCount(back, QStringLiteral("erasure.reapply")), 1);

    // Only supervisors.
    CaseService solCases(firm.solicitor());
    RetentionService sol(firm.solicitor(), solCases);
    auto refused = sol.reapplyErasures(*exported);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
}

// A register is tagged with a key derived from the vault key: an edited register, or one checked by a vault with
// another key, erases nothing.
void TestRetention::erasureRegisterFromElsewhereOrEditedIsRefused()
{
    TestFirm firm;
    Vault& sue = secondSupervisor(firm);
    CaseService cases(firm.solicitor());
    const qint64 id = createClosed(cases, closedCandidate(), QDate(2019, 1, 10));
    const qint64 other = createClosed(
        cases, closedCandidate(QStringLiteral("Olive Other"), QStringLiteral("Elsewhere")), QDate(2020, 1, 1));
    const QString ref = referenceOf(firm.solicitor(), id);
    const QString otherRef = referenceOf(firm.solicitor(), other);
    CaseService samCases(firm.supervisor());
    RetentionService sam(firm.supervisor(), samCases);
    QVERIFY_OK(sam.requestErasure(ref, kReason));
    firm.clock().advanceSeconds(kErasureWaitSeconds);
    CaseService sueCases(sue);
    QVERIFY_OK(RetentionService(sue, sueCases).approveErasure(ref));
    auto exported = sam.erasureRegister();
    QVERIFY_OK(exported);

    // Edited to name the other case: refused, and the other case is still there.
    QByteArray edited = *exported;
    edited.replace(ref.toUtf8(), otherRef.toUtf8());
    auto tampered = sam.reapplyErasures(edited);
    QVERIFY(!tampered);
    QCOMPARE(tampered.error().code, ErrorCode::InvalidInput);
    QVERIFY2(tampered.error().message.contains(QStringLiteral("Nothing was changed")),
             qPrintable(tampered.error().message));
    QVERIFY_OK(samCases.loadByReference(otherRef));

    // A copy of the vault whose key was rotated since (another vault key): refused, saying so.
    TestFirm elsewhere;  // the same template vault, so the same vault key until it is rotated
    QVERIFY_OK(elsewhere.admin().rotateVaultKey());
    CaseService elsewhereCases(elsewhere.supervisor());
    auto foreign = RetentionService(elsewhere.supervisor(), elsewhereCases).reapplyErasures(*exported);
    QVERIFY(!foreign);
    QCOMPARE(foreign.error().code, ErrorCode::InvalidInput);
    QVERIFY2(foreign.error().message.contains(QStringLiteral("rotated")), qPrintable(foreign.error().message));

    // Not a register at all.
    auto junk = sam.reapplyErasures(QByteArrayLiteral("reference,erased\n"));
    QVERIFY(!junk);
    QVERIFY(junk.error().message.contains(QStringLiteral("not a ClaimDesk erasure register")));
}

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
