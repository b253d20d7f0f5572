#include "cases/CaseImport.h"

#include "store/Sqlite.h"
#include "store/Vault.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QStringDecoder>

#include <algorithm>

namespace claimdesk::core {

// ---------------------------------------------------------------------------------------------------------
// CSV

namespace {

// The line (1-based) of the first byte that is not valid UTF-8, or 0 when the text is valid.
int firstInvalidUtf8Line(const QByteArray& bytes)
{
    int line = 1;
    qsizetype start = 0;
    while (start <= bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0) {
            end = bytes.size();
        }
        QStringDecoder decoder(QStringDecoder::Utf8);
        const QString decoded = decoder.decode(QByteArrayView(bytes.constData() + start, end - start));  // decodes now
        if (decoder.hasError()) {
            return line;
        }
        ++line;
        start = end + 1;
    }
    return 0;
}

}  // namespace

CsvDocument Csv::parse(const QByteArray& utf8)
{
    CsvDocument doc;
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(utf8);
    if (decoder.hasError()) {
        doc.problems << QStringLiteral("line %1: the file is not UTF-8 text (save it as \"CSV UTF-8\")")
                            .arg(std::max(1, firstInvalidUtf8Line(utf8)));
        return doc;
    }
    if (text.startsWith(QChar(0xFEFF))) {
        text.remove(0, 1);
    }

    std::vector<CsvRecord> records;
    QStringList fields;
    QString field;
    int line = 1;
    int recordLine = 1;
    bool inQuotes = false;
    bool quoted = false;  // the current field started with a quote
    bool afterQuote = false;  // the current field's closing quote has been read
    bool strayText = false;  // text after a closing quote (reported once per field)

    auto endField = [&] {
        fields << field;
        field.clear();
        quoted = false;
        afterQuote = false;
        strayText = false;
    };
    auto endRecord = [&] {
        const bool blank = fields.isEmpty() && field.isEmpty() && !quoted;
        endField();
        if (!blank) {
            records.push_back({recordLine, fields});
        }
        fields.clear();
    };

    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    inQuotes = false;
                    afterQuote = true;
                }
            } else if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n')) {
                field += QLatin1Char('\n');  // a line break inside a field is kept as LF, whatever the file uses
                ++i;
                ++line;
            } else {
                if (c == QLatin1Char('\n')) {
                    ++line;
                }
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char(',')) {
            endField();
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n')) {
                ++i;
            }
            endRecord();
            ++line;
            recordLine = line;
        } else if (c == QLatin1Char('"') && field.isEmpty() && !quoted) {
            inQuotes = true;
            quoted = true;
        } else if (afterQuote) {
            if (!c.isSpace() && !strayText) {
                doc.problems << QStringLiteral("line %1: text after the closing quote of field %2 (a quote inside a "
                                               "quoted field is written twice: \"\")")
                                    .arg(line)
                                    .arg(fields.size() + 1);
                strayText = true;
            }
        } else if (c == QLatin1Char('"')) {
            if (!strayText) {
                doc.problems << QStringLiteral("line %1: a quote inside field %2, which does not start with one "
                                               "(quote the whole field and write the quote twice: \"\")")
                                    .arg(line)
                                    .arg(fields.size() + 1);
                strayText = true;
            }
            field += c;
        } else {
            field += c;
        }
    }
    if (inQuotes) {
        doc.problems
            << QStringLiteral("line %1: a quoted field is not closed before the end of the file").arg(recordLine);
    } else if (!fields.isEmpty() || !field.isEmpty() || quoted) {
        endRecord();
    }

    if (!records.empty()) {
        doc.header = std::move(records.front());
        doc.records.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
    }
    return doc;
}

QString Csv::formatRecord(const QStringList& fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString& f : fields) {
        const bool needsQuotes = f.contains(QLatin1Char(',')) || f.contains(QLatin1Char('"'))
            || f.contains(QLatin1Char('\n')) || f.contains(QLatin1Char('\r'))
            || (!f.isEmpty() && (f.front().isSpace() || f.back().isSpace()));
        if (needsQuotes) {
            out << QLatin1Char('"') + QString(f).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
        } else {
            out << f;
        }
    }
    return out.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

namespace {
// Starts with a character a spreadsheet may run as a formula, after any quotes already put in front of it (so
// neutralising "'=x" gives "''=x", and taking the guard off is the exact inverse).
bool needsFormulaGuard(const QString& field)
{
    qsizetype i = 0;
    while (i < field.size() && field.at(i) == QLatin1Char('\'')) {
        ++i;
    }
    if (i == field.size()) {
        return false;
    }
    const QChar first = field.at(i);
    return first == QLatin1Char('=') || first == QLatin1Char('+') || first == QLatin1Char('-')
        || first == QLatin1Char('@') || first == QLatin1Char('\t') || first == QLatin1Char('\r');
}
}  // namespace

QString Csv::neutraliseFormula(const QString& field)
{
    if (!needsFormulaGuard(field)) {
        return field;
    }
    return QLatin1Char('\'') + field;
}

QString Csv::withoutFormulaGuard(const QString& field)
{
    if (field.startsWith(QLatin1Char('\'')) && needsFormulaGuard(field)) {
        return field.mid(1);
    }
    return field;
}

QString Csv::formatSafeRecord(const QStringList& fields)
{
    QStringList safe;
    safe.reserve(fields.size());
    for (const QString& f : fields) {
        safe << neutraliseFormula(f);
    }
    return formatRecord(safe);
}

QByteArray Csv::utf8WithBom(const QString& text)
{
    return QByteArrayLiteral("\xEF\xBB\xBF") + text.toUtf8();
}

// ---------------------------------------------------------------------------------------------------------
// Checking an import file

QString ImportProblem::toString() const
{
    return QStringLiteral("line %1: %2: %3").arg(line).arg(column, problem);
}

QStringList ImportReport::problemLines() const
{
    QStringList lines;
    for (const ImportProblem& p : problems) {
        lines << p.toString();
    }
    return lines;
}

namespace {

const QString kClientName = QStringLiteral("client_name");
const QString kPreferredName = QStringLiteral("preferred_name");
const QString kFormerNames = QStringLiteral("former_names");
const QString kDateOfBirth = QStringLiteral("date_of_birth");
const QString kStage = QStringLiteral("stage");
const QString kFeeEarner = QStringLiteral("fee_earner");
const QString kAbuserNames = QStringLiteral("abuser_names");
const QString kInstitutionNames = QStringLiteral("institution_names");
const QString kAbuseTypes = QStringLiteral("abuse_types");
const QString kIncidentStart = QStringLiteral("incident_start");
const QString kIncidentEnd = QStringLiteral("incident_end");
const QString kIncidentPrecision = QStringLiteral("incident_precision");
const QString kRegion = QStringLiteral("region");
const QString kAccount = QStringLiteral("account");
const QString kRow = QStringLiteral("row");
const QString kHeader = QStringLiteral("header");

// "a; b ;; A" -> {"a", "b"}: trimmed, empty parts dropped, repeats (ignoring case) dropped.
QStringList splitList(const QString& cell)
{
    QStringList out;
    for (const QString& part : cell.split(QLatin1Char(';'))) {
        const QString t = part.trimmed();
        if (!t.isEmpty() && !out.contains(t, Qt::CaseInsensitive)) {
            out << t;
        }
    }
    return out;
}

QString choices(const QStringList& ids)
{
    return ids.join(QStringLiteral(", "));
}

QStringList stageIds()
{
    QStringList ids;
    for (int i = 0; i < kStageCount; ++i) {
        ids << stageId(static_cast<Stage>(i));
    }
    return ids;
}

QString formFor(DatePrecision precision)
{
    switch (precision) {
    case DatePrecision::Day: return QStringLiteral("YYYY-MM-DD");
    case DatePrecision::Month: return QStringLiteral("YYYY-MM");
    case DatePrecision::Year:
    case DatePrecision::Approximate: return QStringLiteral("YYYY");
    }
    return {};
}

// The precision a date's shape implies ("2001" -> year), for rows that leave incident_precision empty.
std::optional<DatePrecision> precisionOfShape(const QString& text)
{
    static const QRegularExpression day(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    static const QRegularExpression month(QStringLiteral("^\\d{4}-\\d{2}$"));
    static const QRegularExpression year(QStringLiteral("^\\d{4}$"));
    if (day.match(text).hasMatch()) {
        return DatePrecision::Day;
    }
    if (month.match(text).hasMatch()) {
        return DatePrecision::Month;
    }
    if (year.match(text).hasMatch()) {
        return DatePrecision::Year;
    }
    return std::nullopt;
}

// Parses `text` in the form its precision asks for; on failure returns an invalid date and says why.
QDate parseDate(const QString& text, DatePrecision precision, QString* problem)
{
    const auto shape = precisionOfShape(text);
    const bool yearOnly = precision == DatePrecision::Year || precision == DatePrecision::Approximate;
    const bool shapeFits = shape && (*shape == precision || (yearOnly && *shape == DatePrecision::Year));
    if (!shapeFits) {
        *problem = QStringLiteral("'%1' is not a date in the form %2").arg(text, formFor(precision));
        if (precision != DatePrecision::Day) {
            *problem += QStringLiteral(" (the precision is %1)").arg(precisionId(precision));
        }
        return {};
    }
    const int y = text.left(4).toInt();
    const int m = text.size() >= 7 ? text.mid(5, 2).toInt() : 1;
    const int d = text.size() >= 10 ? text.mid(8, 2).toInt() : 1;
    if (y < 1900) {
        *problem = QStringLiteral("%1 is before 1900").arg(text);
        return {};
    }
    if (m < 1 || m > 12) {
        *problem = QStringLiteral("%1 does not exist (there is no month %2)").arg(text).arg(m);
        return {};
    }
    const QDate date(y, m, d);
    if (!date.isValid()) {
        const QDate first(y, m, 1);
        *problem
            = QStringLiteral("%1 does not exist (%2 has %3 days)")
                  .arg(text,
                       QLocale(QLocale::English, QLocale::UnitedKingdom).toString(first, QStringLiteral("MMMM yyyy")))
                  .arg(first.daysInMonth());
        return {};
    }
    return date;
}

class RowChecker {
public:
    RowChecker(const CsvRecord& record, const QHash<QString, int>& columnIndex, std::vector<ImportProblem>& problems)
        : m_record(record), m_index(columnIndex), m_problems(problems)
    {
    }

    QString cell(const QString& column) const
    {
        const auto it = m_index.constFind(column);
        return it == m_index.constEnd() ? QString() : Csv::withoutFormulaGuard(m_record.fields.value(*it)).trimmed();
    }
    void problem(const QString& column, const QString& what)
    {
        m_problems.push_back({m_record.line, column, what});
        m_ok = false;
    }
    bool ok() const { return m_ok; }

private:
    const CsvRecord& m_record;
    const QHash<QString, int>& m_index;
    std::vector<ImportProblem>& m_problems;
    bool m_ok = true;
};

std::optional<ImportRow> checkRow(const CsvRecord& record, const QHash<QString, int>& index, const QDate& today,
                                  const QSet<QString>& feeEarners, std::vector<ImportProblem>& problems)
{
    RowChecker row(record, index, problems);
    ImportRow out;
    out.line = record.line;
    NewCase& input = out.input;

    input.client.fullName = row.cell(kClientName);
    if (input.client.fullName.isEmpty()) {
        row.problem(kClientName, QStringLiteral("is empty (every row needs the client's full name)"));
    }
    input.client.preferredName = row.cell(kPreferredName);
    input.client.formerNames = splitList(row.cell(kFormerNames));

    const QString dob = row.cell(kDateOfBirth);
    if (!dob.isEmpty()) {
        QString why;
        input.client.dateOfBirth = parseDate(dob, DatePrecision::Day, &why);
        if (!input.client.dateOfBirth.isValid()) {
            row.problem(kDateOfBirth, why);
        } else if (input.client.dateOfBirth > today) {
            row.problem(kDateOfBirth, QStringLiteral("%1 is in the future").arg(dob));
        }
    }

    if (const QString stage = row.cell(kStage); !stage.isEmpty()) {
        if (auto s = stageFromText(stage)) {
            input.stage = *s;
        } else {
            row.problem(kStage, QStringLiteral("unknown stage '%1' (use one of: %2)").arg(stage, choices(stageIds())));
        }
    }

    if (const QString feeEarner = row.cell(kFeeEarner); !feeEarner.isEmpty()) {
        input.feeEarner = normaliseUsername(feeEarner);
        if (!feeEarners.contains(input.feeEarner)) {
            row.problem(kFeeEarner,
                        QStringLiteral("unknown fee earner '%1' (give the username of an active supervisor, "
                                       "solicitor or paralegal)")
                            .arg(feeEarner));
        }
    }

    const QStringList abusers = splitList(row.cell(kAbuserNames));
    const QStringList institutions = splitList(row.cell(kInstitutionNames));
    for (const QString& name : abusers) {
        input.parties.push_back({Party {0, PartyKind::Person, name, {}}, PartyRole::Abuser});
    }
    for (const QString& name : institutions) {
        input.parties.push_back({Party {0, PartyKind::Organisation, name, {}}, PartyRole::Institution});
    }

    const QString start = row.cell(kIncidentStart);
    const QString end = row.cell(kIncidentEnd);
    const QString precisionText = row.cell(kIncidentPrecision);
    const QString regionText = row.cell(kRegion);
    const QStringList abuseTypes = splitList(row.cell(kAbuseTypes));

    std::optional<DatePrecision> precision;
    if (!precisionText.isEmpty()) {
        precision = precisionFromId(precisionText);
        if (!precision) {
            row.problem(kIncidentPrecision,
                        QStringLiteral("unknown precision '%1' (use day, month, year or approx)").arg(precisionText));
        }
    } else if (!start.isEmpty()) {
        precision = precisionOfShape(start);  // left empty: the shape of the start date says it
        if (!precision) {
            precision = DatePrecision::Day;
        }
    }
    Region region = Region::EnglandWales;
    if (!regionText.isEmpty()) {
        if (auto r = regionFromText(regionText)) {
            region = *r;
        } else {
            row.problem(kRegion,
                        QStringLiteral("unknown region '%1' (use england-wales, scotland or northern-ireland)")
                            .arg(regionText));
        }
    }

    if (start.isEmpty()) {
        if (!end.isEmpty() || !abuseTypes.isEmpty() || !precisionText.isEmpty() || !regionText.isEmpty()) {
            row.problem(kIncidentStart,
                        QStringLiteral("is empty, but the row describes an incident (a year is enough)"));
        }
    } else if (precision) {
        Incident incident;
        incident.startPrecision = *precision;
        incident.endPrecision = *precision;
        incident.region = region;
        incident.abuseTypes = abuseTypes;
        incident.perpetrators = abusers;
        incident.institutions = institutions;
        QString why;
        incident.start = parseDate(start, *precision, &why);
        if (!incident.start.isValid()) {
            row.problem(kIncidentStart, why);
        } else if (incident.earliestStart() > today) {
            row.problem(kIncidentStart, QStringLiteral("%1 is in the future").arg(start));
        }
        if (!end.isEmpty()) {
            incident.end = parseDate(end, *precision, &why);
            if (!incident.end.isValid()) {
                row.problem(kIncidentEnd, why);
            }
        }
        if (incident.start.isValid() && incident.end.isValid() && incident.latestEnd() < incident.earliestStart()) {
            row.problem(kIncidentEnd, QStringLiteral("%1 is before incident_start %2").arg(end, start));
        }
        if (incident.start.isValid() && (end.isEmpty() || incident.end.isValid()) && input.client.dateOfBirth.isValid()
            && incident.latestEnd() < input.client.dateOfBirth) {
            row.problem(end.isEmpty() ? kIncidentStart : kIncidentEnd,
                        QStringLiteral("the incident ends before the date of birth %1").arg(dob));
        }
        input.incidents.push_back(std::move(incident));
    }

    input.account = row.cell(kAccount);
    if (!row.ok()) {
        return std::nullopt;
    }
    return out;
}

}  // namespace

CaseImport::CaseImport(Vault& vault) : m_vault(vault)
{
}

const QStringList& CaseImport::columns()
{
    static const QStringList all {kClientName,  kPreferredName,     kFormerNames,      kDateOfBirth, kStage,
                                  kFeeEarner,   kAbuserNames,       kInstitutionNames, kAbuseTypes,  kIncidentStart,
                                  kIncidentEnd, kIncidentPrecision, kRegion,           kAccount};
    return all;
}

const QStringList& CaseImport::exportColumns()
{
    static const QStringList withoutAccount = [] {
        QStringList c = columns();
        c.removeAll(kAccount);
        return c;
    }();
    return withoutAccount;
}

CaseImport::Checked CaseImport::check(const QByteArray& csv, const QDate& today, const QSet<QString>& feeEarners)
{
    Checked out;
    const CsvDocument doc = Csv::parse(csv);
    static const QRegularExpression linePrefix(QStringLiteral("^line (\\d+): (.*)$"),
                                               QRegularExpression::DotMatchesEverythingOption);
    for (const QString& p : doc.problems) {
        const auto m = linePrefix.match(p);
        out.problems.push_back({m.captured(1).toInt(), QStringLiteral("csv"), m.captured(2)});
    }
    if (doc.header.fields.isEmpty()) {
        if (doc.problems.isEmpty()) {
            out.problems.push_back(
                {1, kHeader,
                 QStringLiteral("the file is empty (the first line names the columns: %1)").arg(choices(columns()))});
        }
        return out;
    }

    QHash<QString, int> index;
    const QStringList& header = doc.header.fields;
    for (int i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed().toLower();
        if (name.isEmpty()) {
            out.problems.push_back({doc.header.line, kHeader, QStringLiteral("column %1 has no name").arg(i + 1)});
        } else if (!columns().contains(name)) {
            out.problems.push_back({doc.header.line, name,
                                    QStringLiteral("unknown column (the columns are: %1)").arg(choices(columns()))});
        } else if (index.contains(name)) {
            out.problems.push_back({doc.header.line, name, QStringLiteral("appears twice in the header")});
        } else {
            index.insert(name, i);
        }
    }
    for (const QString& required : exportColumns()) {
        if (!index.contains(required)) {
            out.problems.push_back({doc.header.line, required, QStringLiteral("missing column")});
        }
    }

    for (const CsvRecord& record : doc.records) {
        ++out.rows;
        if (record.fields.size() != header.size()) {
            out.problems.push_back(
                {record.line, kRow,
                 QStringLiteral("has %1 fields, but the header has %2").arg(record.fields.size()).arg(header.size())});
            continue;
        }
        if (auto row = checkRow(record, index, today, feeEarners, out.problems)) {
            out.valid.push_back(std::move(*row));
        }
    }
    return out;
}

Result<ImportReport> CaseImport::run(const QByteArray& csv, bool dryRun)
{
    QElapsedTimer timer;
    timer.start();
    if (auto ready = m_vault.requireReady(); !ready) {
        return ready.error();
    }
    CaseService cases(m_vault);
    sql::Connection& db = m_vault.connection();
    if (!cases.canSeeCaseContent()) {
        auto tx = sql::Transaction::begin(db);
        if (tx
            && m_vault.audit(QStringLiteral("permission.denied"), QStringLiteral("cases"), QString(),
                             {{QStringLiteral("attempted"), QStringLiteral("import cases")}})) {
            (void)tx->commit();
        }
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("Your role (%1) cannot open cases, so it cannot import them.")
                             .arg(roleName(m_vault.currentUser().role)));
    }
    auto users = m_vault.users();
    if (!users) {
        return users.error();
    }
    QSet<QString> feeEarners;
    for (const User& u : *users) {
        if (u.active && u.role != Role::Admin) {
            feeEarners.insert(u.username);
        }
    }

    Checked checked = check(csv, m_vault.now().toLocalTime().date(), feeEarners);
    ImportReport report;
    report.dryRun = dryRun;
    report.rows = checked.rows;
    report.problems = std::move(checked.problems);
    if (!report.accepted() || dryRun) {
        report.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        return report;
    }

    // One all-or-nothing transaction: CaseService's own transactions join it (no savepoint per case), and any
    // failure part-way rolls back every row.
    auto tx = sql::Transaction::beginBulk(db);
    if (!tx) {
        return tx.error();
    }
    for (const ImportRow& row : checked.valid) {
        auto created = cases.create(row.input);  // at the row's stage, in one step
        if (!created) {
            if (created.error().code != ErrorCode::InvalidInput) {
                return created.error();  // the transaction rolls back: nothing is written
            }
            report.problems.push_back({row.line, kRow, created.error().message});
            report.references.clear();
            report.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
            return report;
        }
        report.references << created->reference;
    }
    QJsonObject summary {{QStringLiteral("rows"), report.rows}};
    if (!report.references.isEmpty()) {
        summary.insert(QStringLiteral("first"), report.references.front());
        summary.insert(QStringLiteral("last"), report.references.back());
    }
    if (auto logged = m_vault.audit(QStringLiteral("cases.import"), QStringLiteral("cases"), QString(), summary);
        !logged) {
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    report.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    return report;
}

// ---------------------------------------------------------------------------------------------------------
// Export

namespace {

QString dateInForm(const QDate& date, DatePrecision precision)
{
    if (!date.isValid()) {
        return {};
    }
    switch (precision) {
    case DatePrecision::Day: return date.toString(Qt::ISODate);
    case DatePrecision::Month: return date.toString(QStringLiteral("yyyy-MM"));
    case DatePrecision::Year:
    case DatePrecision::Approximate: return date.toString(QStringLiteral("yyyy"));
    }
    return {};
}

QStringList partyNames(const CaseRecord& c, PartyRole role)
{
    QStringList names;
    for (const CaseParty& p : c.parties) {
        if (p.role == role) {
            names << p.party.name;
        }
    }
    return names;
}

QStringList exportRow(const CaseRecord& c)
{
    const QString separator = QStringLiteral("; ");
    QStringList row {c.client.fullName,
                     c.client.preferredName,
                     c.client.formerNames.join(separator),
                     c.client.dateOfBirth.isValid() ? c.client.dateOfBirth.toString(Qt::ISODate) : QString(),
                     stageId(c.stage),
                     c.feeEarner,
                     partyNames(c, PartyRole::Abuser).join(separator),
                     partyNames(c, PartyRole::Institution).join(separator)};
    if (c.incidents.empty()) {
        row << QString() << QString() << QString() << QString() << QString();
    } else {
        const Incident& i = c.incidents.front();  // CaseService returns them in date order
        row << i.abuseTypes.join(separator) << dateInForm(i.start, i.startPrecision)
            << dateInForm(i.end, i.startPrecision) << precisionId(i.startPrecision) << regionId(i.region);
    }
    return row;
}

}  // namespace

CaseExport::CaseExport(Vault& vault) : m_vault(vault)
{
}

Result<QString> CaseExport::toCsv(Report* report)
{
    CaseService cases(m_vault);
    auto list = cases.list();
    if (!list) {
        return list.error();
    }
    Report counts;
    QString text = Csv::formatSafeRecord(CaseImport::exportColumns());
    for (const CaseSummary& s : *list) {
        if (s.restrictedPlaceholder) {
            ++counts.skippedRestricted;
            continue;
        }
        auto record = cases.load(s.id);
        if (!record) {
            return record.error();
        }
        text += Csv::formatSafeRecord(exportRow(*record));
        ++counts.cases;
    }
    if (report != nullptr) {
        *report = counts;
    }
    return text;
}

Result<CaseExport::Report> CaseExport::toFile(const QString& path)
{
    if (QFileInfo::exists(path)) {
        return makeError(
            ErrorCode::AlreadyExists,
            QStringLiteral("%1 already exists. Choose a new file name: an export never overwrites a file.").arg(path));
    }
    Report report;
    auto text = toCsv(&report);
    if (!text) {
        return text.error();
    }
    auto tx = sql::Transaction::begin(m_vault.connection());
    if (!tx) {
        return tx.error();
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        if (QFileInfo::exists(path)) {
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("%1 already exists. Choose a new file name: an export never overwrites a "
                                            "file.")
                                 .arg(path));
        }
        return makeError(ErrorCode::IoError,
                         QStringLiteral("%1 could not be created: %2").arg(path, file.errorString()));
    }
    const QByteArray bytes = Csv::utf8WithBom(*text);
    const bool written = file.write(bytes) == bytes.size() && file.flush();
    file.close();
    if (!written || file.error() != QFileDevice::NoError) {
        file.remove();
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Writing %1 failed (is the disk full?); the partial file "
                                        "was removed.")
                             .arg(path));
    }
    if (auto logged = m_vault.audit(QStringLiteral("cases.export"), QStringLiteral("cases"), QString(),
                                    {{QStringLiteral("cases"), report.cases},
                                     {QStringLiteral("skippedRestricted"), report.skippedRestricted},
                                     {QStringLiteral("file"), QFileInfo(path).absoluteFilePath()}});
        !logged) {
        file.remove();
        return logged.error();
    }
    if (auto committed = tx->commit(); !committed) {
        file.remove();
        return committed.error();
    }
    return report;
}

}  // namespace claimdesk::core
