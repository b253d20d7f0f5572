#include "conflicts/NameMatcher.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace claimdesk::core {

namespace {

// Common English given-name pairs; a short name may belong to several groups (Pat, Sam, Alex).
const QHash<QString, QStringList>& nicknames()
{
    static const QHash<QString, QStringList> table = [] {
        const std::vector<std::pair<const char*, const char*>> groups{
            {"william", "bill billy will willy willie liam"},
            {"catherine", "kate katie cathy kathy kathryn katherine kath kitty caitlin cat"},
            {"john", "jon jonny johnny jack jonathan"},
            {"robert", "bob bobby rob robbie bert"},
            {"richard", "dick rick ricky rich richie"},
            {"elizabeth", "liz lizzie beth betty eliza libby bess elisabeth"},
            {"margaret", "maggie meg peggy marge maisie"},
            {"james", "jim jimmy jamie"},
            {"michael", "mike mick mickey micky"},
            {"thomas", "tom tommy"},
            {"edward", "ed eddie ted ned"},
            {"anthony", "tony antony"},
            {"christopher", "chris kit"},
            {"stephen", "steve steven stevie"},
            {"joseph", "joe joey"},
            {"daniel", "dan danny"},
            {"david", "dave davy"},
            {"patrick", "pat paddy"},
            {"patricia", "pat trish patty tricia"},
            {"peter", "pete"},
            {"samuel", "sam sammy"},
            {"samantha", "sam sammy"},
            {"alexander", "alex sandy alec"},
            {"alexandra", "alex sandra lexi"},
            {"andrew", "andy drew"},
            {"benjamin", "ben benny"},
            {"charles", "charlie chas chuck"},
            {"frederick", "fred freddie freddy"},
            {"henry", "harry hal"},
            {"nicholas", "nick nicky"},
            {"jennifer", "jen jenny"},
            {"susan", "sue susie suzanne"},
            {"deborah", "debbie deb debra"},
            {"rebecca", "becky becca"},
            {"victoria", "vicky vicki tori"},
            {"jacqueline", "jackie jacqui"},
            {"kimberley", "kim kimberly"},
            {"matthew", "matt"},
            {"timothy", "tim timmy"},
            {"gregory", "greg"},
            {"kenneth", "ken kenny"},
            {"ronald", "ron ronnie"},
            {"donald", "don donny"},
            {"leonard", "len lenny leo"},
            {"lawrence", "larry laurie laurence"},
            {"gerald", "gerry jerry"},
            {"terence", "terry terrence"},
            {"raymond", "ray"},
            {"philip", "phil phillip"},
            {"douglas", "doug"},
            {"mary", "molly polly mae"},
            {"anne", "ann annie anna nan"},
            {"helen", "nell nellie"},
            {"sarah", "sally sara"},
            {"eleanor", "ellie nora elle"},
            {"dorothy", "dot dolly"},
            {"abigail", "abby abbie"},
            {"josephine", "jo josie"},
            {"joanne", "jo joanna"},
            {"frances", "fran frankie"},
            {"francis", "frank frankie"},
            {"jessica", "jess jessie"},
            {"christine", "chris chrissie tina christina"},
            {"gillian", "gill jill"},
            {"angela", "angie"},
            {"nathaniel", "nat nate nathan"},
        };
        QHash<QString, QStringList> t;
        for (const auto& [canonical, shorts] : groups) {
            const QString c = QString::fromLatin1(canonical);
            t[c].append(c);
            for (const QString& s : QString::fromLatin1(shorts).split(QLatin1Char(' '))) {
                if (!t[s].contains(c)) {
                    t[s].append(c);
                }
            }
        }
        return t;
    }();
    return table;
}

double tokenSimilarity(const NameKey& q, int qi, const NameKey& c, int ci, QString& reason)
{
    const QString& a = q.tokens.at(qi);
    const QString& b = c.tokens.at(ci);
    if (a == b) {
        reason.clear();
        return 1.0;
    }
    for (const QString& group : q.nicknameGroups.at(qi)) {
        if (c.nicknameGroups.at(ci).contains(group)) {
            reason = QStringLiteral("nickname: %1 = %2").arg(a, b);
            return 0.95;
        }
    }
    const int distance = NameMatcher::editDistance(a, b);
    const double editSim = 1.0 - static_cast<double>(distance) / std::max<qsizetype>(a.size(), b.size());
    if ((a.size() == 1 || b.size() == 1) && a.at(0) == b.at(0)) {
        reason = QStringLiteral("initial %1 fits %2").arg(a.at(0).toUpper(), a.size() == 1 ? b : a);
        return 0.75;
    }
    if (q.phonetic.at(qi) == c.phonetic.at(ci) && editSim >= 0.5) {
        reason = QStringLiteral("sounds alike: %1 / %2").arg(a, b);
        return std::max(0.88, editSim);
    }
    if (editSim >= 0.6) {
        const bool transposed = distance == 1 && a.size() == b.size() && std::is_permutation(a.begin(), a.end(), b.begin());
        reason = transposed ? QStringLiteral("letters transposed: %1 / %2").arg(a, b)
                            : QStringLiteral("spelling differs by %1 letter%2: %3 / %4")
                                  .arg(distance)
                                  .arg(distance == 1 ? QString() : QStringLiteral("s"), a, b);
        return editSim;
    }
    // A word that matches in no way contributes nothing: partial credit here would let a shared surname
    // alone (weighted double) lift "John Smith" / "Jane Smith" over the report threshold, with no reason.
    reason.clear();
    return 0.0;
}

}  // namespace

QString NameMatcher::fold(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (QChar ch : text.normalized(QString::NormalizationForm_KD)) {
        if (ch.category() == QChar::Mark_NonSpacing) {
            continue;
        }
        const char16_t c = ch.toLower().unicode();
        switch (c) {
        case u'ß': out += QStringLiteral("ss"); break;
        case u'æ': out += QStringLiteral("ae"); break;
        case u'œ': out += QStringLiteral("oe"); break;
        case u'ø': out += QLatin1Char('o'); break;
        case u'ł': out += QLatin1Char('l'); break;
        case u'đ': out += QLatin1Char('d'); break;
        default: out += QChar(c);
        }
    }
    return out;
}

NameKey NameMatcher::analyse(const QString& name)
{
    static const QRegularExpression apostrophes(QStringLiteral("[’'`´]"));
    static const QRegularExpression nonWord(QStringLiteral("[^\\p{L}\\p{N}]+"));
    NameKey key;
    key.original = name;
    QString folded = fold(name);
    folded.remove(apostrophes);  // "Mary's" -> "marys"
    folded.replace(QLatin1Char('&'), QStringLiteral(" and "));
    for (const QString& word : folded.split(nonWord, Qt::SkipEmptyParts)) {
        QString token = word;
        if (token == QStringLiteral("st") || token == QStringLiteral("ste")) {
            token = QStringLiteral("saint");
        } else if (token == QStringLiteral("the") || token == QStringLiteral("of")) {
            continue;
        }
        key.tokens << token;
        key.phonetic << soundex(token);
        key.nicknameGroups << nicknameGroupsOf(token);
    }
    key.folded = key.tokens.join(QLatin1Char(' '));
    return key;
}

QStringList NameMatcher::nicknameGroupsOf(const QString& word)
{
    return nicknames().value(word);
}

QString NameMatcher::soundex(const QString& word)
{
    auto code = [](QChar c) -> char {
        switch (c.toLatin1()) {
        case 'b': case 'f': case 'p': case 'v': return '1';
        case 'c': case 'g': case 'j': case 'k': case 'q': case 's': case 'x': case 'z': return '2';
        case 'd': case 't': return '3';
        case 'l': return '4';
        case 'm': case 'n': return '5';
        case 'r': return '6';
        case 'h': case 'w': return 'h';
        default: return '0';  // vowels and anything else
        }
    };
    if (word.isEmpty()) {
        return {};
    }
    if (word.at(0).isDigit()) {
        return word;
    }
    QString out(word.at(0).toUpper());
    char last = code(word.at(0));
    for (qsizetype i = 1; i < word.size() && out.size() < 4; ++i) {
        const char c = code(word.at(i));
        if (c == 'h') {
            continue;  // h and w do not separate equal codes
        }
        if (c != '0' && c != last) {
            out += QLatin1Char(c);
        }
        last = c;
    }
    while (out.size() < 4) {
        out += QLatin1Char('0');
    }
    return out;
}

int NameMatcher::editDistance(const QString& a, const QString& b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<std::vector<int>> d(static_cast<std::size_t>(n + 1), std::vector<int>(static_cast<std::size_t>(m + 1)));
    for (qsizetype i = 0; i <= n; ++i) {
        d[i][0] = static_cast<int>(i);
    }
    for (qsizetype j = 0; j <= m; ++j) {
        d[0][j] = static_cast<int>(j);
    }
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1)) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[n][m];
}

NameMatch NameMatcher::compare(const NameKey& query, const NameKey& candidate, const QDate& queryDob, const QDate& candidateDob)
{
    NameMatch match;
    if (query.tokens.isEmpty() || candidate.tokens.isEmpty()) {
        return match;
    }
    if (query.folded == candidate.folded) {
        match.score = 1.0;
        const QString plainQuery = query.original.simplified().toLower();
        const QString plainCandidate = candidate.original.simplified().toLower();
        match.reasons << (plainQuery == plainCandidate ? QStringLiteral("same name")
                                                       : QStringLiteral("same name once accents, punctuation and "
                                                                        "abbreviations are set aside"));
    } else {
        // Each query word is matched with its best candidate word; the last words (surnames) weigh double.
        double total = 0.0;
        double weight = 0.0;
        for (int qi = 0; qi < query.tokens.size(); ++qi) {
            double best = 0.0;
            QString bestReason;
            for (int ci = 0; ci < candidate.tokens.size(); ++ci) {
                QString reason;
                const double sim = tokenSimilarity(query, qi, candidate, ci, reason);
                if (sim > best) {
                    best = sim;
                    bestReason = reason;
                }
            }
            const double w = (qi == query.tokens.size() - 1) ? 2.0 : 1.0;
            total += best * w;
            weight += w;
            if (!bestReason.isEmpty()) {
                match.reasons << bestReason;
            }
        }
        match.score = total / weight;
        // Words of the candidate that nothing in the query matched make the match a little weaker.
        const qsizetype extra = std::max<qsizetype>(0, candidate.tokens.size() - query.tokens.size());
        match.score -= 0.03 * static_cast<double>(extra);
    }
    match.score = std::clamp(match.score, 0.0, 1.0);
    adjustForDateOfBirth(match, queryDob, candidateDob);
    return match;
}

void NameMatcher::adjustForDateOfBirth(NameMatch& match, const QDate& queryDob, const QDate& candidateDob)
{
    if (!queryDob.isValid() || !candidateDob.isValid()) {
        return;
    }
    if (queryDob == candidateDob) {
        match.score = std::min(1.0, match.score + 0.1);
        match.reasons << QStringLiteral("same date of birth");
    } else {
        match.score = std::max(0.0, match.score - 0.3);
        match.reasons << QStringLiteral("different date of birth");
    }
}

}  // namespace claimdesk::core
