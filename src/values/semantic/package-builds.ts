/**
 * Version 21: a package build's and file's own columns (Koji's `build (package_id, version, release, nvr,
 * payloadhash)`, `rpminfo (name, version, release, arch, payloadhash, size, buildtime)`), in tables with a
 * text `version` and `release` (version-nineteen-names.ts `isPackageTable`):
 * - `nvr`/`nvra`: the row's name, version and release joined by hyphens (`bash-5.2.15-3.fc39`; nvra: and its
 *   arch), the name the row's own `name` or its package's (through its FKs, `build.package_id → package.name`);
 * - `name` outside every key: a package's name (`python3-requests`, `glibc-devel`), not a product's;
 * - `size`: a byte size; `buildtime`/`build_time` (an integer): seconds since the epoch.
 * In any table, a digest named by its algorithm or as one word ending in `hash` (`payloadhash`, `sigmd5`,
 * `md5`, `sha1`, `file_sha256`): hex digits of its algorithm's length (md5's 32 unless named), not words.
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';
import type { SemanticKind, TypeFamily } from './semantic-kind.js';
import { isPackageTable } from './version-nineteen-names.js';

/** Hex digits of a digest by its algorithm's name. */
const DIGEST_LENGTHS: Readonly<Record<string, number>> = {
  md5: 32,
  sigmd5: 32,
  sha1: 40,
  sha224: 56,
  sha256: 64,
  sha384: 96,
  sha512: 128,
};

/** A digest's hex length by the column's name (`payloadhash` 32, `file_sha256` 64), or null where it names none. */
export function digestLength(column: Column): number | null {
  // The name's last part as written (nameTokens splits `sha256` from its digits).
  const last = column.name.toLowerCase().split('_').pop() ?? '';
  const named = DIGEST_LENGTHS[last];
  if (named !== undefined) return named;
  // One word ending in hash (`payloadhash`, `filehash`); `hash` alone and `file_hash` are tokens already.
  return last.length > 4 && last.endsWith('hash') ? 32 : null;
}

const joined = (column: Column) => nameTokens(column.name).join('_');

/** A column in no primary key or unique constraint of its table. */
function outsideKeys(table: Table, column: Column): boolean {
  const keys = [...(table.primaryKey === null ? [] : [table.primaryKey]), ...table.uniques];
  return !keys.some((k) => k.columns.includes(column.name));
}

/** What a package build's column is (see above), or null. */
function packagePart(
  table: Table,
  column: Column,
  family: TypeFamily,
): 'nvr' | 'name' | 'size' | 'time' | null {
  if (!isPackageTable(table)) return null;
  const name = joined(column);
  if (family === 'text' && (name === 'nvr' || name === 'nvra')) return 'nvr';
  if (family === 'text' && name === 'name' && outsideKeys(table, column)) return 'name';
  if (family === 'integer' && (name === 'size' || name === 'filesize')) return 'size';
  if (family === 'integer' && (name === 'buildtime' || name === 'build_time')) return 'time';
  return null;
}

/** Version 21's kind for a column (see above), or null. */
export function packageBuildKind(table: Table, column: Column, family: TypeFamily): SemanticKind | null {
  if (family === 'text' && digestLength(column) !== null) return 'token';
  const part = packagePart(table, column, family);
  if (part === 'nvr') return 'code';
  if (part === 'name') return 'label';
  if (part === 'size') return 'byte_size';
  if (part === 'time') return 'created_at';
  return null;
}

/** The plan's words for such a column, or null. */
export function packageBuildText(table: Table, column: Column, family: TypeFamily | null): string | null {
  if (family === null) return null;
  if (family === 'text' && digestLength(column) !== null)
    return `, a digest's ${digestLength(column)} hex digits`;
  const part = packagePart(table, column, family);
  if (part === 'nvr')
    return ", the row's package name, version and release joined by hyphens (bash-5.2.15-3.fc39)";
  if (part === 'name') return ", a package's name (python3-requests, glibc-devel)";
  return null;
}

/** Stems of packages' names, and the subpackages made of them. */
const STEMS = (
  'bash glibc openssl zlib curl wget git vim emacs nginx httpd postgresql mariadb sqlite redis python3 perl ' +
  'ruby nodejs golang rust gcc make cmake autoconf automake libtool binutils coreutils findutils grep sed ' +
  'gawk tar gzip xz bzip2 zstd systemd dbus NetworkManager firewalld selinux-policy kernel dracut grub2 ' +
  'openssh rsync tmux screen less man-db sudo shadow-utils util-linux e2fsprogs xfsprogs lvm2 ' +
  'libxml2 libxslt libpng libjpeg-turbo freetype fontconfig cairo pango gtk3 qt5-qtbase mesa ' +
  'ffmpeg gstreamer1 pulseaudio pipewire cups samba nfs-utils bind dnsmasq chrony rpm dnf yum ' +
  'libffi ncurses readline pcre2 expat libyaml json-c protobuf grpc boost icu llvm clang'
).split(' ');
const SUBPACKAGES = ['', '', '', '-devel', '-libs', '-doc', '-common', '-tools', '-debuginfo', '-static'];
const LANGUAGE_MODULES = (
  'python3-requests python3-urllib3 python3-six python3-pyyaml python3-jinja2 python3-setuptools ' +
  'python3-dateutil python3-cryptography perl-Digest-MD5 perl-JSON perl-libwww-perl rubygem-rake ' +
  'rubygem-bundler nodejs-semver golang-github-spf13-cobra rust-serde'
).split(' ');

/** A package's name: a stem and a subpackage, or a language's module. */
function packageNames(maxLength: number): SemanticGenerator | null {
  const names: string[] = [];
  for (const stem of STEMS) for (const sub of SUBPACKAGES) names.push(`${stem}${sub}`);
  for (const module of LANGUAGE_MODULES) names.push(module, module, module);
  const fitting = names.filter((n) => n.length <= maxLength);
  if (fitting.length < 20) return null;
  return { escapeFree: true, random: (rand) => fitting[rand.below(fitting.length)] as string };
}

/** Hex digits of `length`. */
function digests(length: number): SemanticGenerator {
  return {
    escapeFree: true,
    random(rand) {
      let out = '';
      while (out.length < length) out += (rand.next() >>> 0).toString(16).padStart(8, '0');
      return out.slice(0, length);
    },
  };
}

/** A reader of the row's package name: its own `name` column, else its package's through its FKs. */
function nameReader(build: SemanticBuild): ((row: number) => string | null | undefined) | undefined {
  const own = build.table.columns.find((c) => c !== build.column && !c.generated && joined(c) === 'name');
  if (own !== undefined) return siblingReader(build.ctx, own.name);
  const ancestor = build.ctx.ancestorColumn?.(
    (table, column) => joined(column) === 'name' && /(^|_)(package|pkg)s?$/.test(table.name.toLowerCase()),
  );
  return ancestor === undefined ? undefined : (row) => ancestor.read(row);
}

/** `name-version-release` (nvra: `.arch`) of the row; `usual` where a part is missing or the text too long. */
function nvrs(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const sibling = (name: string) => {
    const c = build.table.columns.find((o) => !o.generated && o.name.toLowerCase() === name);
    return c === undefined ? undefined : siblingReader(build.ctx, c.name);
  };
  const name = nameReader(build);
  const version = sibling('version');
  const release = sibling('release');
  const arch = joined(build.column) === 'nvra' ? sibling('arch') : null;
  if (name === undefined || version === undefined || release === undefined || arch === undefined)
    return usual;
  return {
    random(rand, row) {
      const parts = [name(row), version(row), release(row)];
      const a = arch === null ? '' : arch(row);
      if (parts.some((p) => typeof p !== 'string') || typeof a !== 'string') return usual.random(rand, row);
      const text = `${parts.join('-')}${a === '' ? '' : `.${a}`}`;
      return text.length <= build.maxLength ? text : usual.random(rand, row);
    },
  };
}

/** Version 21: a package build's columns and digests (see above); `usual` for any other column. */
export function withPackageBuild(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 21) return usual;
  if (kind === 'token') {
    const length = digestLength(build.column);
    if (length !== null) return digests(Math.min(length, build.maxLength));
  }
  const part = kind === 'code' || kind === 'label' ? packagePart(build.table, build.column, 'text') : null;
  if (part === 'nvr') return nvrs(build, usual);
  if (part === 'name') return packageNames(build.maxLength) ?? usual;
  return usual;
}
