/**
 * Version 25's vocabularies of work and homes, written for this project: a
 * company's industry, skills, a support team, a user's role, a car's make
 * and model, and sentences a person writes (a cover letter, an
 * interviewer's feedback, a recruiter's notes, a viewing's feedback, a
 * home's listing text). Were words drawn at random (`Slimy couch vanish
 * lamp`, an interviewer `Wobbly restaurant lack`).
 */
import type { RowRandom } from '../random.js';

const list = (text: string): readonly string[] => text.split(',').map((w) => w.trim());

export const INDUSTRIES = list(
  'Software, Healthcare, Financial Services, Retail, Manufacturing, Education, Real Estate, Logistics, Telecommunications, Insurance, Hospitality, Media, Energy, Construction, Automotive, Biotechnology, Consulting, E-commerce, Food and Beverage, Government, Nonprofit, Pharmaceuticals, Transportation, Agriculture, Aerospace, Legal Services, Marketing and Advertising, Cybersecurity, Gaming, Fintech',
);
export const SKILLS = list(
  'JavaScript, TypeScript, Python, Java, Go, SQL, PostgreSQL, React, Node.js, AWS, Docker, Kubernetes, Terraform, Excel, Salesforce, Project Management, Agile, Scrum, Data Analysis, Machine Learning, Figma, UX Research, Customer Service, Negotiation, Public Speaking, Accounting, Copywriting, SEO, Git, Linux, C#, Ruby, Tableau, Power BI, Communication, Leadership',
);
export const TEAMS = list(
  'Tier 1 Support, Tier 2 Support, Billing, Onboarding, Technical Support, Customer Success, Escalations, Enterprise, Platform, Payments, Mobile, Infrastructure, Sales, Partnerships',
);
/** A user's roles, the first the most common. */
export const ROLES = list('member, member, member, member, viewer, viewer, editor, editor, admin, owner');
export const CAR_MAKES = list(
  'Toyota, Honda, Ford, Chevrolet, Nissan, Volkswagen, BMW, Mercedes-Benz, Hyundai, Kia, Subaru, Mazda, Tesla, Audi, Jeep, Volvo',
);
/** Models by make (a make's models, in CAR_MAKES' order). */
export const CAR_MODELS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  'Corolla;Camry;RAV4|Civic;Accord;CR-V|F-150;Escape;Explorer|Silverado;Malibu;Equinox|Altima;Rogue;Sentra|Golf;Passat;Tiguan|3 Series;X3;X5|C-Class;E-Class;GLC|Elantra;Tucson;Santa Fe|Sportage;Sorento;Soul|Outback;Forester;Crosstrek|CX-5;Mazda3;CX-30|Model 3;Model Y;Model S|A4;Q5;A6|Wrangler;Grand Cherokee;Compass|XC90;XC60;S60'
    .split('|')
    .map((models, i) => [CAR_MAKES[i] as string, models.split(';')] as const),
);

/**
 * Version 27: the model years each model was sold in, from 2003 (US market; the last 2025 where it is still
 * made): a Model Y from 2020, a Golf until 2021.
 */
export const MODEL_YEARS: Readonly<Record<string, readonly [number, number]>> = Object.fromEntries(
  (
    'Corolla 2003 2025|Camry 2003 2025|RAV4 2003 2025|Civic 2003 2025|Accord 2003 2025|CR-V 2003 2025|' +
    'F-150 2003 2025|Escape 2003 2025|Explorer 2003 2025|Silverado 2003 2025|Malibu 2003 2025|Equinox 2005 2025|' +
    'Altima 2003 2025|Rogue 2008 2025|Sentra 2003 2025|Golf 2003 2021|Passat 2003 2022|Tiguan 2009 2025|' +
    '3 Series 2003 2025|X3 2004 2025|X5 2003 2025|C-Class 2003 2025|E-Class 2003 2025|GLC 2016 2025|' +
    'Elantra 2003 2025|Tucson 2005 2025|Santa Fe 2003 2025|Sportage 2003 2025|Sorento 2003 2025|Soul 2010 2025|' +
    'Outback 2003 2025|Forester 2003 2025|Crosstrek 2013 2025|CX-5 2013 2025|Mazda3 2004 2025|CX-30 2020 2025|' +
    'Model 3 2017 2025|Model Y 2020 2025|Model S 2012 2025|A4 2003 2025|Q5 2009 2025|A6 2003 2025|' +
    'Wrangler 2003 2025|Grand Cherokee 2003 2025|Compass 2007 2025|XC90 2003 2025|XC60 2010 2025|S60 2003 2025'
  )
    .split('|')
    .map((entry) => {
      const [last, first, ...name] = entry.split(' ').reverse();
      return [name.reverse().join(' '), [Number(first), Number(last)] as const] as const;
    }),
);

/** What a person's text is about. */
export type Prose25 =
  | 'cover_letter'
  | 'interview_feedback'
  | 'recruiter_notes'
  | 'viewing_feedback'
  | 'home_text'
  | 'job_text'
  | 'rating_comment';

const split = (text: string): readonly string[] => text.split('|').map((s) => s.trim());

const SENTENCES: Readonly<Record<Prose25, readonly (readonly string[])[]>> = {
  rating_comment: [
    split(
      'Quick and helpful answer. | The agent was friendly and patient. | It took too long to get a reply. | Problem solved on the first try. | I had to explain my issue twice. | Great service as always.',
    ),
    split('Thank you! | Thanks again. | Please improve response times. | Would recommend.'),
  ],
  job_text: [
    split(
      'We are looking for an experienced professional to join our growing team. | Our team is hiring! | Join a friendly, fast-moving team. | We are expanding and need your help.',
    ),
    split(
      'You will work closely with product, sales and support. | You will own projects from planning to delivery. | You will help our customers get the most out of our products. | You will mentor junior colleagues and improve our processes.',
    ),
    split(
      'Three or more years of relevant experience required. | Strong written and verbal communication skills. | Experience in a similar role is a plus. | A degree in a related field or equivalent experience.',
    ),
    split(
      'We offer flexible hours, health insurance and a learning budget. | This role is open to remote candidates. | Competitive salary and equity. | Generous paid time off and parental leave.',
    ),
  ],
  cover_letter: [
    split('Dear Hiring Manager, | Hello, | Dear hiring team, | To whom it may concern,'),
    split(
      'I am excited to apply for this position. | I was glad to see this opening on your careers page. | A former colleague recommended I apply for this role. | I would love to bring my experience to your team.',
    ),
    split(
      'In my current role I lead a small team and own our release process. | Over the last few years I have built reporting tools used across the company. | I have worked closely with customers and product managers to ship features on time. | I enjoy solving hard problems and explaining them clearly.',
    ),
    split(
      'I am especially drawn to your focus on quality. | Your mission resonates with me. | I admire the products your team has built. | I am looking for a place where I can keep learning.',
    ),
    split(
      'Thank you for your time and consideration. | I look forward to hearing from you. | I would welcome the chance to discuss my background. | Thank you for reading my application.',
    ),
  ],
  interview_feedback: [
    split(
      'Strong communication skills. | Solid technical background. | Answered the system design questions well. | Struggled with the coding exercise. | Great culture fit. | Very prepared and asked thoughtful questions.',
    ),
    split(
      'Would be a good addition to the team. | Needs more experience with large projects. | Recommend moving to the next round. | Not a fit for this level. | Salary expectations are above our range. | Could start within a month.',
    ),
  ],
  recruiter_notes: [
    split(
      'Phone screen went well. | Candidate is relocating next month. | Referred by an employee. | Left a voicemail, waiting to hear back. | Prefers a remote role. | Has a competing offer.',
    ),
    split(
      'Scheduled the next interview. | Follow up next week. | Sent the take-home assignment. | Shared the salary range. | Asked for references. | Available to start in two weeks.',
    ),
  ],
  viewing_feedback: [
    split(
      'Loved the kitchen. | Liked the layout but found the bedrooms small. | Great natural light. | The backyard was a big plus. | Concerned about street noise. | Felt the price is too high.',
    ),
    split(
      'Will think it over. | Interested in a second viewing. | Likely to make an offer. | Not a match for their needs. | Wants to see comparable homes first.',
    ),
  ],
  home_text: [
    split(
      'Welcome home to this bright and spacious property. | Charming home on a quiet, tree-lined street. | Move-in ready with recent updates throughout. | Beautifully maintained home in a sought-after neighborhood.',
    ),
    split(
      'The open floor plan features an updated kitchen with stainless steel appliances. | Hardwood floors run throughout the main level. | The primary suite offers a walk-in closet and a private bath. | Large windows fill the living room with natural light.',
    ),
    split(
      'Enjoy the fenced backyard and covered patio. | A two-car garage offers plenty of storage. | Close to schools, parks and shopping. | Minutes from downtown and major highways.',
    ),
  ],
};

/** A person's text of its kind, sentence by sentence (a cover letter's greeting, body and closing), within `max`. */
export function proseOf(prose: Prose25, rand: RowRandom, max: number): string {
  const parts = SENTENCES[prose];
  let text = '';
  for (const choices of parts) {
    const cover = prose === 'cover_letter';
    // Feedback and notes say one or two things; a letter and a listing say them all.
    if (!cover && prose !== 'home_text' && prose !== 'job_text' && text !== '' && rand.chance(0.4)) break;
    const next = choices[rand.below(choices.length)] as string;
    const joined = text === '' ? next : `${text} ${next}`;
    if (joined.length > max) break;
    text = joined;
  }
  return text === '' ? (parts[0]?.[0] ?? '').slice(0, max) : text;
}

/** Skills a profile lists: two to five, comma-separated, within `max`. */
export function skillsOf(rand: RowRandom, max: number): string {
  const n = 2 + rand.below(4);
  const chosen: string[] = [];
  for (let i = 0; i < n * 2 && chosen.length < n; i++) {
    const skill = SKILLS[rand.below(SKILLS.length)] as string;
    if (chosen.includes(skill) || [...chosen, skill].join(', ').length > max) continue;
    chosen.push(skill);
  }
  return chosen.length === 0 ? (SKILLS.find((s) => s.length <= max) ?? '') : chosen.join(', ');
}
