#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

#include <optional>

namespace claimdesk::core {

// A name prepared for fuzzy comparison: folded to lower case without accents or punctuation, "St" read
// as "Saint", each word with its Soundex code and the nickname groups it belongs to (Bill -> william).
struct NameKey {
    QString original;
    QString folded;       // "saint marys childrens home"
    QStringList tokens;   // folded words
    QStringList phonetic; // Soundex code per token
    QList<QStringList> nicknameGroups;  // canonical names per token (empty when none)
};

struct NameMatch {
    double score = 0.0;  // 0–1
    QStringList reasons;
};

class NameMatcher {
public:
    static NameKey analyse(const QString& name);
    static QString fold(const QString& text);  // lower case, accents removed, "ß" -> "ss"
    static QString soundex(const QString& foldedWord);
    static int editDistance(const QString& a, const QString& b);  // Damerau (optimal string alignment)
    static QStringList nicknameGroupsOf(const QString& foldedWord);

    // The threshold at which a candidate is reported as a possible match.
    static constexpr double kReportThreshold = 0.7;

    // Compares a query with a candidate; dates of birth adjust the score when both are known.
    static NameMatch compare(const NameKey& query, const NameKey& candidate, const QDate& queryDob = {},
                             const QDate& candidateDob = {});
    // The date-of-birth part of compare(), for callers that compare one name once and then apply each
    // candidate's date of birth: the same date adds 0.1, a different one takes 0.3 off.
    static void adjustForDateOfBirth(NameMatch& match, const QDate& queryDob, const QDate& candidateDob);
};

}  // namespace claimdesk::core
