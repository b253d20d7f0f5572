// claimdesk-cli `holidays` and `deadlines` end to end: the real binary, run with QProcess (CliRunner), against the
// stable contract in ENGINE-CLI.md. Expected dates come from DOMAIN.md (§5 holidays, §9 worked cases). No vault is
// needed and nothing depends on today's date.

#include "CliExit.h"
#include "CliRunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace claimdesk;
using claimdesk::cli::ExitStatus;
using claimdesk::test::CliResult;
using claimdesk::test::CliRunner;
using namespace Qt::StringLiterals;

namespace {

// The example input of ENGINE-CLI.md, verbatim.
const QByteArray kExampleInput = R"({
  "asOf": "2026-11-27",
  "client": {"dateOfBirth": "2006-01-02", "dateOfDeath": null, "lacksCapacity": false},
  "priorClaimDisposedOn": null,
  "incidents": [
    {"id": "i1", "start": "2015-03-01", "end": "2016-06-30", "precision": "day",
     "abuseTypes": ["sexual"], "region": "england-wales",
     "dateOfKnowledge": null, "dateOfKnowledgeStatus": null, "publicAuthorityDefendant": false}
  ],
  "cica": {"reportedToPoliceOn": null, "decisionOn": null, "reviewDecisionOn": null},
  "events": [
    {"type": "letterOfClaimPosted", "date": "2025-12-01"},
    {"type": "letterOfClaimAcknowledged", "date": "2025-12-15"},
    {"type": "claimFormIssued", "date": "2025-03-03"},
    {"type": "claimFormServed", "at": "2025-04-17T11:00", "method": "first-class-post", "particularsIncluded": true},
    {"type": "particularsServed", "at": "2025-05-01T10:00", "method": "email"},
    {"type": "acknowledgmentOfServiceFiled", "date": "2025-05-02"},
    {"type": "defenceExtensionAgreed", "days": 28},
    {"type": "part36OfferSent", "at": "2025-12-19T17:10", "method": "email", "relevantPeriodDays": 21},
    {"type": "subjectAccessRequestReceived", "date": "2025-11-25"},
    {"type": "rehabilitationProposalReceived", "date": "2026-01-05"},
    {"type": "standstillAgreed", "expiresOn": "2027-03-31"}
  ]
}
)";

// The example with one text replaced (exactly once), for the variants below.
QByteArray exampleWith(const char* from, const char* to)
{
    QByteArray text = kExampleInput;
    const QByteArray needle(from);
    Q_ASSERT_X(text.count(needle) == 1, "exampleWith", from);
    return text.replace(needle, QByteArray(to));
}

// T3 (DOMAIN §9): the example client, abused physically — the contract's example output dates.
QByteArray physicalExample()
{
    return exampleWith(R"("abuseTypes": ["sexual"])", R"("abuseTypes": ["physical"])");
}

QStringList lines(const QString& text)
{
    return text.split(u'\n', Qt::SkipEmptyParts);
}

bool isIsoDate(const QJsonValue& value)
{
    return value.isString() && QDate::fromString(value.toString(), Qt::ISODate).isValid()
        && value.toString().size() == 10;
}

bool isIsoDateOrNull(const QJsonValue& value)
{
    return value.isNull() || isIsoDate(value);
}

bool isStringArray(const QJsonValue& value, bool nonEmpty)
{
    if (!value.isArray() || (nonEmpty && value.toArray().isEmpty())) {
        return false;
    }
    const QJsonArray array = value.toArray();
    return std::all_of(array.cbegin(), array.cend(), [](const QJsonValue& v) { return v.isString() && !v.toString().isEmpty(); });
}

QString keysOf(const QJsonObject& object)
{
    return object.keys().join(u", "_s);
}

QStringList datesOf(int year, const char* monthDays)
{
    QStringList out;
    for (const QString& md : QString::fromLatin1(monthDays).split(u' ', Qt::SkipEmptyParts)) {
        out << QString::number(year) + u'-' + md;
    }
    return out;
}

QJsonObject deadlineFor(const QJsonObject& output, const QString& rule)
{
    for (const QJsonValue& v : output.value(u"deadlines"_s).toArray()) {
        if (v.toObject().value(u"rule"_s).toString() == rule) {
            return v.toObject();
        }
    }
    return {};
}

}  // namespace

class CliDeadlinesTest : public QObject {
    Q_OBJECT
private slots:
    // holidays
    void holidaysText_data();
    void holidaysText();
    void holidaysJsonMatchesText_data();
    void holidaysJsonMatchesText();
    void holidaysBadOptions_data();
    void holidaysBadOptions();

    // deadlines
    void exampleFromFileHasEveryContractField();
    void exampleFromStandardInputIsTheSame();
    void contractExampleOutputDates();
    void invalidInput_data();
    void invalidInput();
    void unknownFieldsAreIgnored();
    void textOutputIsForPeople();
    void outputIsByteIdenticalAcrossRuns_data();
    void outputIsByteIdenticalAcrossRuns();
    void missingInputFile();
    void diaryListsReferencesNeverClientNames();
    void diaryIcsIsACalendarAndNeverOverwrites();

private:
    static CliResult deadlinesFromFile(const CliRunner& cli, const QByteArray& input, const QStringList& extra = {});
};

CliResult CliDeadlinesTest::deadlinesFromFile(const CliRunner& cli, const QByteArray& input, const QStringList& extra)
{
    const QString path = cli.path(u"input.json"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(input) != input.size()) {
        return CliResult {};
    }
    file.close();
    return cli.run(QStringList {u"deadlines"_s, u"--input"_s, path} + extra);
}

// =================================================================================================================
// holidays

void CliDeadlinesTest::holidaysText_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<int>("year");
    QTest::addColumn<QStringList>("exactly");  // empty: not checked
    QTest::addColumn<QStringList>("includes");
    QTest::addColumn<QStringList>("excludes");

    QTest::addRow("England & Wales 2026 (DOMAIN §5.2 generated table; Boxing Day substitute Mon 28 Dec)")
        << u"england-wales"_s << 2026 << datesOf(2026, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28")
        << QStringList {} << QStringList {};
    QTest::addRow("T20: England & Wales 2027 (Easter 26/29 Mar, Christmas and Boxing Day substitutes 27/28 Dec)")
        << u"england-wales"_s << 2027 << datesOf(2027, "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28")
        << QStringList {} << QStringList {};
    QTest::addRow("T20: England & Wales 2022 (Jubilee 2 and 3 Jun, State Funeral 19 Sep, no 30 May)")
        << u"england-wales"_s << 2022 << QStringList {} << datesOf(2022, "06-02 06-03 09-19")
        << datesOf(2022, "05-30");
    QTest::addRow("T20: England & Wales 2020 (early May moved to Fri 8 May)")
        << u"england-wales"_s << 2020 << QStringList {} << datesOf(2020, "05-08") << datesOf(2020, "05-04");
    QTest::addRow("England & Wales 2028 (New Year substitute Mon 3 Jan)")
        << u"england-wales"_s << 2028 << datesOf(2028, "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26")
        << QStringList {} << QStringList {};
    QTest::addRow("Scotland 2026 (2 Jan, first Monday in August, St Andrew's Day; no Easter Monday)")
        << u"scotland"_s << 2026 << QStringList {}
        << datesOf(2026, "01-01 01-02 04-03 05-04 05-25 08-03 11-30 12-25 12-28") << datesOf(2026, "04-06 08-31");
    QTest::addRow("Northern Ireland 2026 (St Patrick's Day; Boyne Sun 12 Jul → Mon 13 Jul)")
        << u"northern-ireland"_s << 2026 << QStringList {}
        << datesOf(2026, "01-01 03-17 04-03 04-06 05-04 05-25 07-13 08-31 12-25 12-28") << datesOf(2026, "07-12");
}

void CliDeadlinesTest::holidaysText()
{
    QFETCH(QString, region);
    QFETCH(int, year);
    QFETCH(QStringList, exactly);
    QFETCH(QStringList, includes);
    QFETCH(QStringList, excludes);

    CliRunner cli;
    const CliResult r = cli.run({u"holidays"_s, u"--region"_s, region, u"--year"_s, QString::number(year)});
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    QVERIFY(r.out.endsWith(u'\n'));

    // ENGINE-CLI: one line per bank holiday, YYYY-MM-DD<TAB>Name, in date order.
    static const QRegularExpression shape(u"^(\\d{4}-\\d{2}-\\d{2})\\t(\\S.*)$"_s);
    QStringList dates;
    for (const QString& line : r.out.split(u'\n')) {
        if (line.isEmpty()) {
            continue;
        }
        const QRegularExpressionMatch m = shape.match(line);
        QVERIFY2(m.hasMatch(), qPrintable(u"not YYYY-MM-DD<TAB>Name: "_s + line));
        const QDate date = QDate::fromString(m.captured(1), Qt::ISODate);
        QVERIFY2(date.isValid() && date.year() == year, qPrintable(line));
        QVERIFY2(date.dayOfWeek() < Qt::Saturday, qPrintable(u"a bank holiday on a weekend: "_s + line));
        QVERIFY2(dates.isEmpty() || dates.last() < m.captured(1), qPrintable(u"not in date order at "_s + line));
        dates << m.captured(1);
    }
    if (!exactly.isEmpty()) {
        QCOMPARE(dates, exactly);
    }
    for (const QString& date : includes) {
        QVERIFY2(dates.contains(date), qPrintable(date + u" missing: "_s + dates.join(u' ')));
    }
    for (const QString& date : excludes) {
        QVERIFY2(!dates.contains(date), qPrintable(date + u" listed: "_s + dates.join(u' ')));
    }
}

void CliDeadlinesTest::holidaysJsonMatchesText_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<int>("year");
    QTest::addRow("england-wales 2026") << u"england-wales"_s << 2026;
    QTest::addRow("scotland 2026") << u"scotland"_s << 2026;
    QTest::addRow("northern-ireland 2026") << u"northern-ireland"_s << 2026;
    QTest::addRow("england-wales 2022 (one-off changes)") << u"england-wales"_s << 2022;
}

void CliDeadlinesTest::holidaysJsonMatchesText()
{
    QFETCH(QString, region);
    QFETCH(int, year);
    CliRunner cli;
    const QStringList args {u"holidays"_s, u"--region"_s, region, u"--year"_s, QString::number(year)};
    const CliResult text = cli.run(args);
    const CliResult json = cli.run(args + QStringList {u"--json"_s});
    EXPECT_CLI_EXIT(text, ExitStatus::Success);
    EXPECT_CLI_EXIT(json, ExitStatus::Success);
    QVERIFY2(json.err.isEmpty(), qPrintable(json.err));

    // ENGINE-CLI: [{"date": "2027-01-01", "name": "New Year's Day"}, …] — the same days as the text.
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(json.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(doc.isArray());
    QStringList fromJson;
    for (const QJsonValue& v : doc.array()) {
        QVERIFY(v.isObject());
        const QJsonObject o = v.toObject();
        QVERIFY2(o.keys() == (QStringList {u"date"_s, u"name"_s}), qPrintable(keysOf(o)));
        QVERIFY(isIsoDate(o.value(u"date"_s)));
        QVERIFY(o.value(u"name"_s).isString() && !o.value(u"name"_s).toString().isEmpty());
        fromJson << o.value(u"date"_s).toString() + u'\t' + o.value(u"name"_s).toString();
    }
    QVERIFY(!fromJson.isEmpty());
    QCOMPARE(fromJson, lines(text.out));
}

void CliDeadlinesTest::holidaysBadOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("mentioned");  // in standard error

    QTest::addRow("unknown region \"wales\"") << QStringList {u"--region"_s, u"wales"_s, u"--year"_s, u"2026"_s}
                                             << QStringList {u"--region"_s, u"wales"_s};
    QTest::addRow("region spelled differently \"England-Wales\"")
        << QStringList {u"--region"_s, u"England-Wales"_s, u"--year"_s, u"2026"_s}
        << QStringList {u"--region"_s, u"England-Wales"_s};
    QTest::addRow("year not a number \"20x6\"") << QStringList {u"--region"_s, u"scotland"_s, u"--year"_s, u"20x6"_s}
                                               << QStringList {u"--year"_s, u"20x6"_s};
    QTest::addRow("two-digit year \"26\"") << QStringList {u"--region"_s, u"scotland"_s, u"--year"_s, u"26"_s}
                                          << QStringList {u"--year"_s, u"26"_s};
    QTest::addRow("missing --year") << QStringList {u"--region"_s, u"scotland"_s} << QStringList {u"--year"_s};
    QTest::addRow("missing --region") << QStringList {u"--year"_s, u"2026"_s} << QStringList {u"--region"_s};
}

void CliDeadlinesTest::holidaysBadOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, mentioned);
    CliRunner cli;
    const CliResult r = cli.run(QStringList {u"holidays"_s} + arguments);
    EXPECT_CLI_EXIT(r, ExitStatus::Usage);
    QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
    for (const QString& text : mentioned) {
        QVERIFY2(r.err.contains(text), qPrintable(text + u" not in: "_s + r.err));
    }
}

// =================================================================================================================
// deadlines

void CliDeadlinesTest::exampleFromFileHasEveryContractField()
{
    CliRunner cli;
    const CliResult r = deadlinesFromFile(cli, kExampleInput);
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), qPrintable(error.errorString() + r.out));
    const QJsonObject out = doc.object();

    for (const QString& key : {u"engineVersion"_s, u"rulesVersion"_s, u"holidayTableVersion"_s}) {
        QVERIFY2(out.value(key).isString() && !out.value(key).toString().isEmpty(), qPrintable(key));
    }
    QCOMPARE(out.value(u"asOf"_s).toString(), u"2026-11-27"_s);

    // limitation.primary: an object with the five fields, or null.
    QVERIFY(out.value(u"limitation"_s).isObject());
    const QJsonObject limitation = out.value(u"limitation"_s).toObject();
    QVERIFY2(limitation.contains(u"primary"_s), qPrintable(keysOf(limitation)));
    const QJsonValue primary = limitation.value(u"primary"_s);
    QVERIFY(primary.isNull() || primary.isObject());
    if (primary.isObject()) {
        for (const QString& key : {u"incident"_s, u"regime"_s, u"strictDate"_s, u"safeDate"_s, u"rollForwardDate"_s}) {
            QVERIFY2(primary.toObject().contains(key), qPrintable(key));
        }
    }

    // limitation.incidents[]
    QVERIFY(limitation.value(u"incidents"_s).isArray());
    const QJsonArray incidents = limitation.value(u"incidents"_s).toArray();
    QCOMPARE(incidents.size(), 1);
    for (const QJsonValue& v : incidents) {
        const QJsonObject e = v.toObject();
        for (const QString& key : {u"incident"_s, u"regime"_s, u"strictDate"_s, u"safeDate"_s, u"rollForwardDate"_s,
                                   u"alternativeDate"_s, u"expired"_s, u"flags"_s, u"explanation"_s}) {
            QVERIFY2(e.contains(key), qPrintable(key + u" missing from "_s + keysOf(e)));
        }
        QVERIFY(e.value(u"incident"_s).isString() && e.value(u"regime"_s).isString());
        for (const QString& key : {u"strictDate"_s, u"safeDate"_s, u"rollForwardDate"_s, u"alternativeDate"_s}) {
            QVERIFY2(isIsoDateOrNull(e.value(key)), qPrintable(key));
        }
        QVERIFY(e.value(u"expired"_s).isBool());
        QVERIFY(isStringArray(e.value(u"flags"_s), false));
        QVERIFY(isStringArray(e.value(u"explanation"_s), true));
    }
    // DOMAIN §2.6: the example's client was sexually abused as a child in England & Wales and asOf is after
    // 29 Jun 2026, so s.11ZA applies: no limitation period, null dates, no primary.
    const QJsonObject i1 = incidents.first().toObject();
    QCOMPARE(i1.value(u"incident"_s).toString(), u"i1"_s);
    QCOMPARE(i1.value(u"regime"_s).toString(), u"EW_S11ZA_CHILD_SEXUAL_ABUSE"_s);
    QVERIFY(i1.value(u"strictDate"_s).isNull() && i1.value(u"safeDate"_s).isNull());
    QVERIFY(i1.value(u"rollForwardDate"_s).isNull());
    QCOMPARE(i1.value(u"expired"_s).toBool(), false);
    QVERIFY(i1.value(u"flags"_s).toArray().contains(u"CSA_NO_LIMIT"_s));
    QVERIFY(i1.value(u"flags"_s).toArray().contains(u"FAIR_HEARING_RISK"_s));
    QVERIFY(primary.isNull());

    // deadlines[]
    QVERIFY(out.value(u"deadlines"_s).isArray());
    const QJsonArray deadlines = out.value(u"deadlines"_s).toArray();
    QVERIFY(!deadlines.isEmpty());
    for (const QJsonValue& v : deadlines) {
        const QJsonObject d = v.toObject();
        for (const QString& key : {u"rule"_s, u"title"_s, u"party"_s, u"date"_s, u"strictDate"_s, u"safeDate"_s,
                                   u"rollForwardDate"_s, u"cutoff"_s, u"flags"_s, u"explanation"_s}) {
            QVERIFY2(d.contains(key), qPrintable(key + u" missing from "_s + keysOf(d)));
        }
        QVERIFY(!d.value(u"rule"_s).toString().isEmpty() && !d.value(u"title"_s).toString().isEmpty());
        const QString party = d.value(u"party"_s).toString();
        QVERIFY2(party == u"own"_s || party == u"opponent"_s, qPrintable(party));
        QVERIFY(isIsoDate(d.value(u"date"_s)) && isIsoDate(d.value(u"strictDate"_s)) && isIsoDate(d.value(u"safeDate"_s)));
        QVERIFY(isIsoDateOrNull(d.value(u"rollForwardDate"_s)));
        QVERIFY(d.value(u"cutoff"_s).isNull() || d.value(u"cutoff"_s).isString());
        QVERIFY(isStringArray(d.value(u"flags"_s), false));
        QVERIFY(isStringArray(d.value(u"explanation"_s), true));
        // The party rule for `date`.
        const QJsonValue expected = party == u"own"_s ? d.value(u"safeDate"_s)
            : d.value(u"rollForwardDate"_s).isNull()  ? d.value(u"strictDate"_s)
                                                       : d.value(u"rollForwardDate"_s);
        QCOMPARE(d.value(u"date"_s).toString(), expected.toString());
    }

    // serviceDates[]
    QVERIFY(out.value(u"serviceDates"_s).isArray());
    const QJsonArray service = out.value(u"serviceDates"_s).toArray();
    QVERIFY(!service.isEmpty());
    for (const QJsonValue& v : service) {
        const QJsonObject s = v.toObject();
        for (const QString& key : {u"document"_s, u"deemedServed"_s, u"explanation"_s}) {
            QVERIFY2(s.contains(key), qPrintable(key + u" missing from "_s + keysOf(s)));
        }
        QVERIFY(!s.value(u"document"_s).toString().isEmpty());
        QVERIFY(isIsoDate(s.value(u"deemedServed"_s)));
        QVERIFY(isStringArray(s.value(u"explanation"_s), true));
    }

    // warnings[]
    QVERIFY(out.value(u"warnings"_s).isArray());
    for (const QJsonValue& v : out.value(u"warnings"_s).toArray()) {
        const QJsonObject w = v.toObject();
        QVERIFY2(w.value(u"code"_s).isString() && !w.value(u"code"_s).toString().isEmpty(), qPrintable(keysOf(w)));
        QVERIFY2(w.value(u"message"_s).isString() && !w.value(u"message"_s).toString().isEmpty(), qPrintable(keysOf(w)));
    }
}

void CliDeadlinesTest::exampleFromStandardInputIsTheSame()
{
    CliRunner cli;
    const CliResult fromFile = deadlinesFromFile(cli, kExampleInput);
    const CliResult fromStdin = cli.run({u"deadlines"_s}, {kExampleInput});
    EXPECT_CLI_EXIT(fromFile, ExitStatus::Success);
    EXPECT_CLI_EXIT(fromStdin, ExitStatus::Success);
    QVERIFY2(fromStdin.err.isEmpty(), qPrintable(fromStdin.err));
    QVERIFY(!fromStdin.out.isEmpty());
    QCOMPARE(fromStdin.out, fromFile.out);
}

void CliDeadlinesTest::contractExampleOutputDates()
{
    // The contract's example output is T3 (DOMAIN §9): the example client with physical abuse → EW_S28_MINOR,
    // strict Fri 1 Jan 2027, safe Thu 31 Dec 2026, roll-forward Mon 4 Jan 2027, alternative Sat 2 Jan 2027.
    // The deadlines are those of T8, T12, T17 and T18.
    CliRunner cli;
    const CliResult r = deadlinesFromFile(cli, physicalExample());
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    const QJsonObject out = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonObject limitation = out.value(u"limitation"_s).toObject();

    const QJsonObject primary = limitation.value(u"primary"_s).toObject();
    QCOMPARE(primary.value(u"incident"_s).toString(), u"i1"_s);
    QCOMPARE(primary.value(u"regime"_s).toString(), u"EW_S28_MINOR"_s);
    QCOMPARE(primary.value(u"strictDate"_s).toString(), u"2027-01-01"_s);
    QCOMPARE(primary.value(u"safeDate"_s).toString(), u"2026-12-31"_s);
    QCOMPARE(primary.value(u"rollForwardDate"_s).toString(), u"2027-01-04"_s);

    const QJsonObject i1 = limitation.value(u"incidents"_s).toArray().first().toObject();
    QCOMPARE(i1.value(u"regime"_s).toString(), u"EW_S28_MINOR"_s);
    QCOMPARE(i1.value(u"strictDate"_s).toString(), u"2027-01-01"_s);
    QCOMPARE(i1.value(u"safeDate"_s).toString(), u"2026-12-31"_s);
    QCOMPARE(i1.value(u"rollForwardDate"_s).toString(), u"2027-01-04"_s);
    QCOMPARE(i1.value(u"alternativeDate"_s).toString(), u"2027-01-02"_s);
    QCOMPARE(i1.value(u"expired"_s).toBool(), false);

    struct Expected {
        QString rule;
        QString party;  // empty: not checked
        QString date;  // empty: not checked
        QString strict;
    };
    const QList<Expected> expected {
        {u"CPR_7_5_SERVE_CLAIM_FORM"_s, u"own"_s, u"2025-07-03"_s, u"2025-07-03"_s},
        {u"CPR_10_ACKNOWLEDGMENT_OF_SERVICE"_s, u"opponent"_s, u"2025-05-07"_s, u"2025-05-07"_s},
        {u"CPR_15_DEFENCE"_s, u"opponent"_s, u"2025-05-21"_s, u"2025-05-21"_s},
        {u"CPR_15_5_EXTENDED_DEFENCE"_s, u"opponent"_s, u"2025-06-18"_s, u"2025-06-18"_s},
        {u"PART_36_RELEVANT_PERIOD"_s, {}, u"2026-01-12"_s, u"2026-01-12"_s},
        {u"PI_PROTOCOL_ACKNOWLEDGMENT"_s, u"opponent"_s, u"2025-12-22"_s, u"2025-12-22"_s},
        {u"PI_PROTOCOL_RESPONSE"_s, u"opponent"_s, u"2026-03-15"_s, u"2026-03-15"_s},
        {u"UK_GDPR_SAR_RESPONSE"_s, {}, {}, u"2025-12-25"_s},
        {u"UK_GDPR_SAR_EXTENDED"_s, {}, u"2026-02-25"_s, u"2026-02-25"_s},
        {u"REHAB_CODE_REPLY"_s, {}, u"2026-01-26"_s, u"2026-01-26"_s},
        {u"STANDSTILL_EXPIRY"_s, u"own"_s, u"2027-03-31"_s, u"2027-03-31"_s},
    };
    for (const Expected& e : expected) {
        const QJsonObject d = deadlineFor(out, e.rule);
        QVERIFY2(!d.isEmpty(), qPrintable(e.rule + u" missing"_s));
        if (!e.party.isEmpty()) {
            QCOMPARE(d.value(u"party"_s).toString(), e.party);
        }
        if (!e.date.isEmpty()) {
            QCOMPARE(d.value(u"date"_s).toString(), e.date);
        }
        QCOMPARE(d.value(u"strictDate"_s).toString(), e.strict);
    }
    QCOMPARE(deadlineFor(out, u"CPR_7_5_SERVE_CLAIM_FORM"_s).value(u"cutoff"_s).toString(), u"23:59"_s);
    QVERIFY(deadlineFor(out, u"CPR_7_4_SERVE_PARTICULARS"_s).isEmpty());  // the particulars were in the claim form

    bool claimForm = false;
    for (const QJsonValue& v : out.value(u"serviceDates"_s).toArray()) {
        if (v.toObject().value(u"document"_s).toString() == u"claimForm"_s) {
            claimForm = true;
            QCOMPARE(v.toObject().value(u"deemedServed"_s).toString(), u"2025-04-23"_s);
        }
    }
    QVERIFY(claimForm);
}

void CliDeadlinesTest::invalidInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expectedLines");  // each must appear in its own line of standard error

    QTest::addRow("invalid calendar date \"2025-02-30\" in incidents[0].start")
        << exampleWith(R"("start": "2015-03-01")", R"("start": "2025-02-30")")
        << QStringList {uR"(incidents[0].start: "2025-02-30" is not a valid date)"_s};
    QTest::addRow("unknown event type") << exampleWith(R"("type": "letterOfClaimPosted")", R"("type": "letterOfClaimSent")")
                                        << QStringList {uR"(events[0].type)"_s + u'\x1f' + uR"("letterOfClaimSent")"_s};
    QTest::addRow("unknown service method")
        << exampleWith(R"("method": "first-class-post")", R"("method": "carrier-pigeon")")
        << QStringList {uR"(events[3].method)"_s + u'\x1f' + uR"("carrier-pigeon")"_s};
    QTest::addRow("unknown region") << exampleWith(R"("region": "england-wales")", R"("region": "wales")")
                                    << QStringList {uR"(incidents[0].region)"_s + u'\x1f' + uR"("wales")"_s};
    QTest::addRow("unknown precision") << exampleWith(R"("precision": "day")", R"("precision": "week")")
                                       << QStringList {uR"(incidents[0].precision)"_s + u'\x1f' + uR"("week")"_s};
    QTest::addRow("unknown abuse type") << exampleWith(R"(["sexual"])", R"(["sexual", "verbal"])")
                                        << QStringList {uR"(incidents[0].abuseTypes[1])"_s + u'\x1f' + uR"("verbal")"_s};
    QTest::addRow("time that is not a time") << exampleWith(R"("at": "2025-04-17T11:00")", R"("at": "2025-04-17T25:00")")
                                             << QStringList {uR"(events[3].at)"_s + u'\x1f' + uR"("2025-04-17T25:00")"_s};
    QTest::addRow("malformed JSON") << QByteArray(R"({"asOf": "2026-11-27", "incidents": [)") << QStringList {QString()};
    QTest::addRow("missing asOf") << exampleWith(R"("asOf": "2026-11-27",)", "") << QStringList {u"asOf"_s};
    QTest::addRow("two problems, two lines: a bad date and an unknown method")
        << exampleWith(R"("start": "2015-03-01")", R"("start": "2025-02-30")")
               .replace(R"("method": "first-class-post")", R"("method": "carrier-pigeon")")
        << QStringList {uR"(incidents[0].start: "2025-02-30")"_s, uR"(events[3].method)"_s + u'\x1f' + u"carrier-pigeon"_s};
    QTest::addRow("engine check: incident end before its start")
        << exampleWith(R"("end": "2016-06-30")", R"("end": "2014-01-01")")
        << QStringList {uR"(incidents[0].end)"_s + u'\x1f' + u"2014-01-01"_s};
    QTest::addRow("engine check: Part 36 relevant period under 21 days")
        << exampleWith(R"("relevantPeriodDays": 21)", R"("relevantPeriodDays": 14)")
        << QStringList {uR"(events[7].relevantPeriodDays)"_s + u'\x1f' + u"14"_s};
    QTest::addRow("engine check: a second claim form issue date")
        << exampleWith(R"({"type": "claimFormIssued", "date": "2025-03-03"},)",
                       R"({"type": "claimFormIssued", "date": "2025-03-03"}, {"type": "claimFormIssued", "date": "2025-03-10"},)")
        << QStringList {uR"(events[3])"_s};
}

void CliDeadlinesTest::invalidInput()
{
    // ENGINE-CLI: exit 2 on invalid input, one line per problem on standard error naming the field and the value,
    // nothing on standard output. (Fields in `expectedLines` separated by \x1f must all be on the same line.)
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expectedLines);
    CliRunner cli;
    for (const bool viaStdin : {false, true}) {
        const CliResult r = viaStdin ? cli.run({u"deadlines"_s}, {input}) : deadlinesFromFile(cli, input);
        EXPECT_CLI_EXIT(r, ExitStatus::Usage);
        QVERIFY2(r.out.isEmpty(), qPrintable(u"standard output: "_s + r.out));
        const QStringList errLines = lines(r.err);
        QVERIFY2(errLines.size() == expectedLines.size(),
                 qPrintable(u"expected "_s + QString::number(expectedLines.size()) + u" line(s):\n"_s + r.err));
        QStringList unmatched = errLines;
        for (const QString& expected : expectedLines) {
            const QStringList parts = expected.split(u'\x1f');
            const auto line = std::find_if(unmatched.begin(), unmatched.end(), [&](const QString& l) {
                return std::all_of(parts.cbegin(), parts.cend(), [&](const QString& p) { return l.contains(p); });
            });
            QVERIFY2(line != unmatched.end(), qPrintable(expected + u" not on a line of:\n"_s + r.err));
            unmatched.erase(line);
        }
    }
}

void CliDeadlinesTest::unknownFieldsAreIgnored()
{
    QByteArray withExtras = kExampleInput;
    withExtras.replace(R"("asOf": "2026-11-27",)", R"("asOf": "2026-11-27", "caseReference": "ABC-2026-0001",)");
    withExtras.replace(R"("lacksCapacity": false})", R"("lacksCapacity": false, "pronouns": "she/her"})");
    withExtras.replace(R"("publicAuthorityDefendant": false})",
                       R"("publicAuthorityDefendant": false, "perpetrators": ["p1"], "notes": {"a": 1}})");
    withExtras.replace(R"({"type": "standstillAgreed", "expiresOn": "2027-03-31"})",
                       R"({"type": "standstillAgreed", "expiresOn": "2027-03-31", "signedBy": "Defendant's insurer"})");
    QVERIFY(withExtras != kExampleInput);

    CliRunner cli;
    const CliResult plain = deadlinesFromFile(cli, kExampleInput);
    const CliResult extras = deadlinesFromFile(cli, withExtras);
    EXPECT_CLI_EXIT(plain, ExitStatus::Success);
    EXPECT_CLI_EXIT(extras, ExitStatus::Success);
    QVERIFY2(extras.err.isEmpty(), qPrintable(extras.err));
    QCOMPARE(extras.out, plain.out);
}

void CliDeadlinesTest::textOutputIsForPeople()
{
    CliRunner cli;
    const CliResult r = deadlinesFromFile(cli, physicalExample(), {u"--text"_s});
    EXPECT_CLI_EXIT(r, ExitStatus::Success);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    QVERIFY(!r.out.trimmed().isEmpty());
    QJsonParseError error {};
    QJsonDocument::fromJson(r.out.toUtf8(), &error);
    QVERIFY2(error.error != QJsonParseError::NoError, "--text must not print JSON");
    // The limitation dates of T3 and some deadline dates, in UK style.
    for (const QString& phrase : {u"i1"_s, u"EW_S28_MINOR"_s, u"Thu 31 Dec 2026"_s, u"Fri 1 Jan 2027"_s,
                                  u"Mon 4 Jan 2027"_s, u"Wed 21 May 2025"_s, u"Mon 12 Jan 2026"_s}) {
        QVERIFY2(r.out.contains(phrase), qPrintable(phrase + u" not in:\n"_s + r.out));
    }
}

void CliDeadlinesTest::outputIsByteIdenticalAcrossRuns_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("extra");
    QTest::addRow("example, JSON") << kExampleInput << QStringList {};
    QTest::addRow("example, --text") << kExampleInput << QStringList {u"--text"_s};
    QTest::addRow("T3 variant, JSON") << physicalExample() << QStringList {};
}

void CliDeadlinesTest::outputIsByteIdenticalAcrossRuns()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, extra);
    CliRunner first;
    CliRunner second;
    const CliResult a = deadlinesFromFile(first, input, extra);
    const CliResult b = deadlinesFromFile(second, input, extra);
    EXPECT_CLI_EXIT(a, ExitStatus::Success);
    EXPECT_CLI_EXIT(b, ExitStatus::Success);
    QVERIFY(!a.out.isEmpty());
    QCOMPARE(a.out.toUtf8(), b.out.toUtf8());
}

void CliDeadlinesTest::missingInputFile()
{
    CliRunner cli;
    const QString path = cli.path(u"no-such-file.json"_s);
    const CliResult r = cli.run({u"deadlines"_s, u"--input"_s, path});
    QVERIFY2(r.exitCode != 0, qPrintable(r.err));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
    QVERIFY2(r.err.contains(u"no-such-file.json"_s), qPrintable(r.err));
}


// `diary` on a demo vault: its cases have live limitation dates (clients born 2004-2009) computed when it was made.
void CliDeadlinesTest::diaryListsReferencesNeverClientNames()
{
    CliRunner cli;
    const QString vault = cli.path(QStringLiteral("demo.claimdesk"));
    EXPECT_CLI_EXIT(cli.run({QStringLiteral("demo"), vault, QStringLiteral("--cases"), QStringLiteral("300"),
                             QStringLiteral("--kdf-profile"), QStringLiteral("fast-insecure-for-tests")}),
                    ExitStatus::Success);
    const CliResult listed = cli.run({QStringLiteral("diary"), vault, QStringLiteral("--user"),
                                      QStringLiteral("demo-supervisor"), QStringLiteral("--days"), QStringLiteral("400"),
                                      QStringLiteral("--json")},
                                     {QByteArrayLiteral("demo-passphrase")});
    EXPECT_CLI_EXIT(listed, ExitStatus::Success);
    const QJsonArray rows = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    QVERIFY2(!rows.isEmpty(), qPrintable(listed.out));
    bool limitation = false;
    for (const QJsonValue& v : rows) {
        const QJsonObject row = v.toObject();
        QVERIFY(row.value(QStringLiteral("caseReference")).toString().startsWith(QStringLiteral("DEMO-")));
        QVERIFY(!row.contains(QStringLiteral("clientName")));
        QVERIFY(QDate::fromString(row.value(QStringLiteral("date")).toString(), Qt::ISODate).isValid());
        limitation = limitation || row.value(QStringLiteral("kind")).toString() == QStringLiteral("limitation");
    }
    QVERIFY(limitation);
    const CliResult badDays = cli.run({QStringLiteral("diary"), vault, QStringLiteral("--user"),
                                       QStringLiteral("demo-supervisor"), QStringLiteral("--days"), QStringLiteral("-3")});
    EXPECT_CLI_EXIT(badDays, ExitStatus::Usage);
}

void CliDeadlinesTest::diaryIcsIsACalendarAndNeverOverwrites()
{
    CliRunner cli;
    const QString vault = cli.path(QStringLiteral("demo.claimdesk"));
    EXPECT_CLI_EXIT(cli.run({QStringLiteral("demo"), vault, QStringLiteral("--cases"), QStringLiteral("300"),
                             QStringLiteral("--kdf-profile"), QStringLiteral("fast-insecure-for-tests")}),
                    ExitStatus::Success);
    const QString ics = cli.path(QStringLiteral("diary.ics"));
    const QStringList args {QStringLiteral("diary"), vault, QStringLiteral("--user"), QStringLiteral("demo-supervisor"),
                            QStringLiteral("--days"), QStringLiteral("400"), QStringLiteral("--ics"), ics};
    EXPECT_CLI_EXIT(cli.run(args, {QByteArrayLiteral("demo-passphrase")}), ExitStatus::Success);
    QFile file(ics);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray calendar = file.readAll();
    QVERIFY(calendar.startsWith("BEGIN:VCALENDAR\r\n"));
    QVERIFY(calendar.contains("BEGIN:VEVENT\r\n"));
    QVERIFY(calendar.contains("SUMMARY:DEMO-"));
    // Every event is named by case reference and deadline title only (no client name can hide in it).
    static const QRegularExpression summary(
        QStringLiteral("^SUMMARY:DEMO-\\d{4}-\\d{4}: (Limitation|CICA application|Human Rights Act claim)[^\r]*$"));
    int events = 0;
    for (const QByteArray& line : calendar.split('\n')) {
        if (line.startsWith("SUMMARY:")) {
            ++events;
            QVERIFY2(summary.match(QString::fromUtf8(line.trimmed())).hasMatch(), line.constData());
        }
    }
    QVERIFY(events > 0);
    file.close();
    const CliResult again = cli.run(args, {QByteArrayLiteral("demo-passphrase")});
    QVERIFY(again.exitCode != 0);
    QVERIFY(again.err.contains(QStringLiteral("already exists")));
}

QTEST_GUILESS_MAIN(CliDeadlinesTest)
#include "tst_cli_deadlines.moc"
