#include "conflicts/NameMatcher.h"

#include <QTest>

using namespace claimdesk::core;

// The fuzzy name matching behind the conflict and duplicate check: pure functions, no vault.
class NameMatcherTest : public QObject {
    Q_OBJECT
private slots:
    void compare_data();
    void compare();
    void compareIsSymmetricForTheseRows_data() { compare_data(); }
    void compareIsSymmetricForTheseRows();
    void sameDateOfBirthScoresHigherThanADifferentOne();
    void datesOfBirthOnlyCountWhenBothAreKnown();
    void emptyNamesNeverMatch();
    void analyse_data();
    void analyse();
    void fold_data();
    void fold();
    void soundex_data();
    void soundex();
    void editDistance_data();
    void editDistance();
    void nicknameGroups_data();
    void nicknameGroups();
};

void NameMatcherTest::compare_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("candidate");
    QTest::addColumn<bool>("reported");  // score at or above NameMatcher::kReportThreshold
    QTest::addColumn<QString>("reasonPart");  // a reason must contain this (empty: no reason is required)

    QTest::addRow("identical: John Smith / John Smith")
        << QStringLiteral("John Smith") << QStringLiteral("John Smith") << true << QStringLiteral("same name");
    QTest::addRow("case only: JOHN SMITH / john smith")
        << QStringLiteral("JOHN SMITH") << QStringLiteral("john smith") << true << QStringLiteral("same name");
    QTest::addRow("nickname: Bill Smith / William Smith")
        << QStringLiteral("Bill Smith") << QStringLiteral("William Smith") << true
        << QStringLiteral("nickname: bill = william");
    QTest::addRow("nickname: William Smith / Bill Smith")
        << QStringLiteral("William Smith") << QStringLiteral("Bill Smith") << true << QStringLiteral("nickname");
    QTest::addRow("nickname: Kate Jones / Catherine Jones")
        << QStringLiteral("Kate Jones") << QStringLiteral("Catherine Jones") << true
        << QStringLiteral("nickname: kate = catherine");
    QTest::addRow("nickname, two short forms of one name: Katie Jones / Kath Jones")
        << QStringLiteral("Katie Jones") << QStringLiteral("Kath Jones") << true << QStringLiteral("nickname");
    QTest::addRow("nickname: Jon Taylor / John Taylor") << QStringLiteral("Jon Taylor") << QStringLiteral("John Taylor")
                                                        << true << QStringLiteral("nickname: jon = john");
    QTest::addRow("accents: Müller / Mueller")
        << QStringLiteral("Müller") << QStringLiteral("Mueller") << true << QStringLiteral("mueller");
    QTest::addRow("accents: Mueller / Muller")
        << QStringLiteral("Mueller") << QStringLiteral("Muller") << true << QStringLiteral("mueller");
    QTest::addRow("accents: Müller / Muller")
        << QStringLiteral("Müller") << QStringLiteral("Muller") << true << QStringLiteral("accents");
    QTest::addRow("accents with a first name: Anna Müller / Anna Mueller")
        << QStringLiteral("Anna Müller") << QStringLiteral("Anna Mueller") << true << QStringLiteral("sounds alike");
    QTest::addRow("accents: Zoë Brontë / Zoe Bronte")
        << QStringLiteral("Zoë Brontë") << QStringLiteral("Zoe Bronte") << true << QStringLiteral("accents");
    QTest::addRow("abbreviation and apostrophes: St Mary's Children's Home / Saint Marys Childrens Home")
        << QStringLiteral("St Mary's Children's Home") << QStringLiteral("Saint Marys Childrens Home") << true
        << QStringLiteral("abbreviations");
    QTest::addRow("abbreviation, curly apostrophe, full stop: St. Mary’s Home / Saint Mary's Home")
        << QStringLiteral("St. Mary’s Home") << QStringLiteral("Saint Mary's Home") << true
        << QStringLiteral("abbreviations");
    QTest::addRow("ampersand: Barker & Sons / Barker and Sons")
        << QStringLiteral("Barker & Sons") << QStringLiteral("Barker and Sons") << true << QStringLiteral("same name");
    QTest::addRow("transposed letters in both words: Jhon Smtih / John Smith")
        << QStringLiteral("Jhon Smtih") << QStringLiteral("John Smith") << true << QStringLiteral("smtih / smith");
    QTest::addRow("transposed consonants: Kate Adlridge / Kate Aldridge")
        << QStringLiteral("Kate Adlridge") << QStringLiteral("Kate Aldridge") << true
        << QStringLiteral("letters transposed: adlridge / aldridge");
    QTest::addRow("one letter dropped: Tomlinson / Tomlison")
        << QStringLiteral("Sarah Tomlison") << QStringLiteral("Sarah Tomlinson") << true << QStringLiteral("tomlison");
    QTest::addRow("initial: J Smith / John Smith")
        << QStringLiteral("J Smith") << QStringLiteral("John Smith") << true << QStringLiteral("initial J fits john");
    QTest::addRow("different person, same surname: John Smith / Jane Smith")
        << QStringLiteral("John Smith") << QStringLiteral("Jane Smith") << false << QString();
    QTest::addRow("different person, same surname: Peter Smith / Paula Smith")
        << QStringLiteral("Peter Smith") << QStringLiteral("Paula Smith") << false << QString();
    QTest::addRow("different person: Peter Brown / Paula Green")
        << QStringLiteral("Peter Brown") << QStringLiteral("Paula Green") << false << QString();
    QTest::addRow("different person, same first name: Bill Smith / Bill Jones")
        << QStringLiteral("Bill Smith") << QStringLiteral("Bill Jones") << false << QString();
    QTest::addRow("different institution: St Mary's Children's Home / St Anne's School")
        << QStringLiteral("St Mary's Children's Home") << QStringLiteral("St Anne's School") << false << QString();
}

void NameMatcherTest::compare()
{
    QFETCH(QString, query);
    QFETCH(QString, candidate);
    QFETCH(bool, reported);
    QFETCH(QString, reasonPart);

    const NameMatch m = NameMatcher::compare(NameMatcher::analyse(query), NameMatcher::analyse(candidate));
    QVERIFY2(m.score >= 0.0 && m.score <= 1.0, qPrintable(QString::number(m.score)));
    const QString detail
        = QStringLiteral("score %1, reasons: %2").arg(m.score).arg(m.reasons.join(QStringLiteral("; ")));
    QVERIFY2((m.score >= NameMatcher::kReportThreshold) == reported, qPrintable(detail));
    if (reported) {
        QVERIFY2(!m.reasons.isEmpty(), qPrintable(detail));  // every reported match says why
        QVERIFY2(m.reasons.join(QLatin1Char('\n')).contains(reasonPart), qPrintable(detail));
    }
}

void NameMatcherTest::compareIsSymmetricForTheseRows()
{
    QFETCH(QString, query);
    QFETCH(QString, candidate);
    QFETCH(bool, reported);
    // Whether a conflict is found must not depend on which of the two names is already on file.
    const NameMatch m = NameMatcher::compare(NameMatcher::analyse(candidate), NameMatcher::analyse(query));
    QCOMPARE(m.score >= NameMatcher::kReportThreshold, reported);
}

void NameMatcherTest::sameDateOfBirthScoresHigherThanADifferentOne()
{
    const NameKey query = NameMatcher::analyse(QStringLiteral("Bill Smith"));
    const NameKey candidate = NameMatcher::analyse(QStringLiteral("William Smith"));
    const QDate dob(1984, 6, 3);
    const NameMatch noDob = NameMatcher::compare(query, candidate);
    const NameMatch same = NameMatcher::compare(query, candidate, dob, dob);
    const NameMatch different = NameMatcher::compare(query, candidate, dob, QDate(1991, 2, 17));
    QVERIFY2(same.score > different.score, qPrintable(QStringLiteral("%1 vs %2").arg(same.score).arg(different.score)));
    QVERIFY(same.score > noDob.score);
    QVERIFY(different.score < noDob.score);
    QVERIFY(same.score <= 1.0);
    QVERIFY(same.reasons.contains(QStringLiteral("same date of birth")));
    QVERIFY(different.reasons.contains(QStringLiteral("different date of birth")));
    QVERIFY(!noDob.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("date of birth")));

    // An identical name stays capped at 1.
    const NameKey exact = NameMatcher::analyse(QStringLiteral("William Smith"));
    QCOMPARE(NameMatcher::compare(exact, exact, dob, dob).score, 1.0);
    QVERIFY(NameMatcher::compare(exact, exact, dob, dob.addDays(1)).score < 1.0);
}

void NameMatcherTest::datesOfBirthOnlyCountWhenBothAreKnown()
{
    const NameKey name = NameMatcher::analyse(QStringLiteral("Kate Jones"));
    const NameKey other = NameMatcher::analyse(QStringLiteral("Catherine Jones"));
    const double plain = NameMatcher::compare(name, other).score;
    QCOMPARE(NameMatcher::compare(name, other, QDate(1990, 1, 1), QDate()).score, plain);
    QCOMPARE(NameMatcher::compare(name, other, QDate(), QDate(1990, 1, 1)).score, plain);
}

void NameMatcherTest::emptyNamesNeverMatch()
{
    const NameKey empty = NameMatcher::analyse(QStringLiteral("  -- '  "));
    QVERIFY(empty.tokens.isEmpty());
    const NameKey name = NameMatcher::analyse(QStringLiteral("John Smith"));
    QCOMPARE(NameMatcher::compare(empty, name).score, 0.0);
    QCOMPARE(NameMatcher::compare(name, empty).score, 0.0);
    QCOMPARE(NameMatcher::compare(empty, empty, QDate(2000, 1, 1), QDate(2000, 1, 1)).score, 0.0);
    QVERIFY(NameMatcher::compare(empty, name).reasons.isEmpty());
}

void NameMatcherTest::analyse_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("folded");
    QTest::addColumn<QStringList>("phonetic");

    QTest::addRow("St and apostrophes: St Mary's Children's Home")
        << QStringLiteral("St Mary's Children's Home") << QStringLiteral("saint marys childrens home")
        << QStringList {QStringLiteral("S530"), QStringLiteral("M620"), QStringLiteral("C436"), QStringLiteral("H500")};
    QTest::addRow("'the' and 'of' are dropped: The Church of St John")
        << QStringLiteral("The Church of St John") << QStringLiteral("church saint john")
        << QStringList {QStringLiteral("C620"), QStringLiteral("S530"), QStringLiteral("J500")};
    QTest::addRow("accents, hyphen and extra spaces: '  Zoë   Smith-Jones '")
        << QStringLiteral("  Zoë   Smith-Jones ") << QStringLiteral("zoe smith jones")
        << QStringList {QStringLiteral("Z000"), QStringLiteral("S530"), QStringLiteral("J520")};
    QTest::addRow("ampersand becomes 'and': Barker & Sons")
        << QStringLiteral("Barker & Sons") << QStringLiteral("barker and sons")
        << QStringList {QStringLiteral("B626"), QStringLiteral("A530"), QStringLiteral("S520")};
    QTest::addRow("French Ste: Ste Anne") << QStringLiteral("Ste Anne") << QStringLiteral("saint anne")
                                          << QStringList {QStringLiteral("S530"), QStringLiteral("A500")};
}

void NameMatcherTest::analyse()
{
    QFETCH(QString, name);
    QFETCH(QString, folded);
    QFETCH(QStringList, phonetic);
    const NameKey key = NameMatcher::analyse(name);
    QCOMPARE(key.original, name);
    QCOMPARE(key.folded, folded);
    QCOMPARE(key.tokens, folded.split(QLatin1Char(' ')));
    QCOMPARE(key.phonetic, phonetic);
    QCOMPARE(key.nicknameGroups.size(), key.tokens.size());
}

void NameMatcherTest::fold_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("folded");
    QTest::addRow("umlaut: Müller") << QStringLiteral("Müller") << QStringLiteral("muller");
    QTest::addRow("cedilla: François") << QStringLiteral("François") << QStringLiteral("francois");
    QTest::addRow("sharp s: Straße") << QStringLiteral("Straße") << QStringLiteral("strasse");
    QTest::addRow("ligature: Ærø") << QStringLiteral("Ærø") << QStringLiteral("aero");
    QTest::addRow("stroke: Łukasz Wałęsa") << QStringLiteral("Łukasz Wałęsa") << QStringLiteral("lukasz walesa");
    QTest::addRow("Irish fada: Seán Ó Briain") << QStringLiteral("Seán Ó Briain") << QStringLiteral("sean o briain");
    QTest::addRow("plain ASCII kept, lower-cased: O'NEILL") << QStringLiteral("O'NEILL") << QStringLiteral("o'neill");
}

void NameMatcherTest::fold()
{
    QFETCH(QString, text);
    QFETCH(QString, folded);
    QCOMPARE(NameMatcher::fold(text), folded);
}

void NameMatcherTest::soundex_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("code");
    QTest::addRow("Robert") << QStringLiteral("robert") << QStringLiteral("R163");
    QTest::addRow("Rupert sounds like Robert") << QStringLiteral("rupert") << QStringLiteral("R163");
    QTest::addRow("Rubin") << QStringLiteral("rubin") << QStringLiteral("R150");
    QTest::addRow("h does not separate equal codes: Ashcraft") << QStringLiteral("ashcraft") << QStringLiteral("A261");
    QTest::addRow("vowels separate equal codes: Tymczak") << QStringLiteral("tymczak") << QStringLiteral("T522");
    QTest::addRow("first letter's code absorbs the next: Pfister")
        << QStringLiteral("pfister") << QStringLiteral("P236");
    QTest::addRow("padded with zeros: Lee") << QStringLiteral("lee") << QStringLiteral("L000");
    QTest::addRow("Muller") << QStringLiteral("muller") << QStringLiteral("M460");
    QTest::addRow("Mueller codes as Muller") << QStringLiteral("mueller") << QStringLiteral("M460");
    QTest::addRow("transposed vowel and consonant keep the code: smtih")
        << QStringLiteral("smtih") << QStringLiteral("S530");
    QTest::addRow("digits are kept as they are: 1984") << QStringLiteral("1984") << QStringLiteral("1984");
    QTest::addRow("empty") << QString() << QString();
}

void NameMatcherTest::soundex()
{
    QFETCH(QString, word);
    QFETCH(QString, code);
    QCOMPARE(NameMatcher::soundex(word), code);
}

void NameMatcherTest::editDistance_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("distance");
    QTest::addRow("identical") << QStringLiteral("smith") << QStringLiteral("smith") << 0;
    QTest::addRow("both empty") << QString() << QString() << 0;
    QTest::addRow("one empty") << QString() << QStringLiteral("abc") << 3;
    QTest::addRow("kitten / sitting") << QStringLiteral("kitten") << QStringLiteral("sitting") << 3;
    QTest::addRow("one insertion: muller / mueller") << QStringLiteral("muller") << QStringLiteral("mueller") << 1;
    QTest::addRow("one substitution: jon / jan") << QStringLiteral("jon") << QStringLiteral("jan") << 1;
    QTest::addRow("transposition counts once: smtih / smith")
        << QStringLiteral("smtih") << QStringLiteral("smith") << 1;
    QTest::addRow("transposition counts once: jhon / john") << QStringLiteral("jhon") << QStringLiteral("john") << 1;
    QTest::addRow("optimal string alignment, not full Damerau: ca / abc")
        << QStringLiteral("ca") << QStringLiteral("abc") << 3;
    QTest::addRow("symmetric: sitting / kitten") << QStringLiteral("sitting") << QStringLiteral("kitten") << 3;
}

void NameMatcherTest::editDistance()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, distance);
    QCOMPARE(NameMatcher::editDistance(a, b), distance);
}

void NameMatcherTest::nicknameGroups_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QStringList>("groups");
    QTest::addRow("Bill -> William") << QStringLiteral("bill") << QStringList {QStringLiteral("william")};
    QTest::addRow("a canonical name is its own group: william")
        << QStringLiteral("william") << QStringList {QStringLiteral("william")};
    QTest::addRow("Sam belongs to two groups")
        << QStringLiteral("sam") << QStringList {QStringLiteral("samuel"), QStringLiteral("samantha")};
    QTest::addRow("unknown word: zebedee") << QStringLiteral("zebedee") << QStringList {};
}

void NameMatcherTest::nicknameGroups()
{
    QFETCH(QString, word);
    QFETCH(QStringList, groups);
    QCOMPARE(NameMatcher::nicknameGroupsOf(word), groups);
}

QTEST_GUILESS_MAIN(NameMatcherTest)
#include "tst_name_matcher.moc"
