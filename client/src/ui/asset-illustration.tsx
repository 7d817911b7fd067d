import { useId } from 'react';

/** A quiet illustration per asset kind until real photos can be uploaded. Decorative: the title says what it is. */
const VEHICLE = /车|汽车|轿车|car\b|sedan|suv|truck|vehicle|van\b/i;

export function AssetIllustration({ kind, title = '', className }: { kind: string; title?: string; className?: string }) {
  const id = useId().replace(/:/g, '');
  const bg = `bg${id}`;
  const palette = kind === 'immovable'
    ? { from: '#e6ebf4', to: '#d3dbe9' }
    : kind === 'property_right'
      ? { from: '#f1ebe4', to: '#e4d9cc' }
      : { from: '#e9eef0', to: '#d6dfe2' };
  return (
    <svg className={`asset-illustration ${className ?? ''}`} viewBox="0 0 320 180" role="presentation" aria-hidden="true" focusable="false" preserveAspectRatio="xMidYMid slice">
      <defs>
        <linearGradient id={bg} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor={palette.from} />
          <stop offset="1" stopColor={palette.to} />
        </linearGradient>
      </defs>
      <rect width="320" height="180" fill={`url(#${bg})`} />
      {kind === 'immovable' ? <Building /> : kind === 'property_right' ? <Certificate /> : VEHICLE.test(title) ? <Vehicle /> : <Goods />}
    </svg>
  );
}

function Building() {
  const windows = [];
  for (let row = 0; row < 6; row++) {
    for (let col = 0; col < 4; col++) {
      windows.push(<rect key={`a${row}-${col}`} x={128 + col * 17} y={44 + row * 17} width="9" height="10" rx="1" fill={(row + col) % 3 === 0 ? '#f4d58d' : '#c9d3e6'} />);
    }
  }
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 2; col++) {
      windows.push(<rect key={`b${row}-${col}`} x={212 + col * 17} y={92 + row * 17} width="9" height="10" rx="1" fill="#c9d3e6" />);
      windows.push(<rect key={`c${row}-${col}`} x={72 + col * 17} y={100 + row * 17} width="9" height="10" rx="1" fill={row === 1 && col === 0 ? '#f4d58d' : '#c9d3e6'} />);
    }
  }
  return (
    <g>
      <circle cx="262" cy="40" r="16" fill="#f7e7c4" />
      <rect x="118" y="32" width="82" height="124" rx="2" fill="#2b3a5c" />
      <rect x="204" y="82" width="50" height="74" rx="2" fill="#3d4f75" />
      <rect x="64" y="90" width="50" height="66" rx="2" fill="#4a5d85" />
      {windows}
      <rect x="151" y="132" width="16" height="24" fill="#1b2640" />
      <rect x="0" y="154" width="320" height="26" fill="#b9c3d6" />
      <rect x="0" y="154" width="320" height="3" fill="#8e9ab3" />
    </g>
  );
}

function Vehicle() {
  return (
    <g>
      <rect x="0" y="132" width="320" height="48" fill="#b8c4c9" />
      <g fill="#f5f7f8" opacity="0.9">
        <rect x="24" y="160" width="34" height="4" rx="2" />
        <rect x="98" y="160" width="34" height="4" rx="2" />
        <rect x="172" y="160" width="34" height="4" rx="2" />
        <rect x="246" y="160" width="34" height="4" rx="2" />
      </g>
      <ellipse cx="162" cy="140" rx="104" ry="7" fill="#7d8b92" opacity="0.45" />
      <path d="M62 122c0-10 6-16 16-18l30-6 26-22c5-4 11-6 18-6h46c8 0 15 3 21 8l26 22 22 4c10 2 16 9 16 18v14c0 4-3 6-6 6H68c-3 0-6-2-6-6z" fill="#8c1d22" />
      <path d="M118 98l22-19c4-3 8-4 13-4h18v23zM180 98V75h14c6 0 10 2 14 5l20 18z" fill="#d9e4ea" />
      <rect x="62" y="118" width="200" height="4" fill="#6e151a" opacity="0.6" />
      <circle cx="104" cy="138" r="17" fill="#1f2328" />
      <circle cx="104" cy="138" r="7" fill="#c7ccd1" />
      <circle cx="222" cy="138" r="17" fill="#1f2328" />
      <circle cx="222" cy="138" r="7" fill="#c7ccd1" />
      <rect x="254" y="108" width="10" height="6" rx="2" fill="#f4d58d" />
    </g>
  );
}

function Certificate() {
  return (
    <g>
      <rect x="92" y="26" width="136" height="134" rx="4" fill="#fffdf8" stroke="#cdbfae" strokeWidth="2" />
      <rect x="104" y="38" width="112" height="110" rx="2" fill="none" stroke="#d9cdbd" strokeWidth="1.5" />
      <rect x="124" y="50" width="72" height="7" rx="3" fill="#2b3a5c" />
      <rect x="116" y="68" width="88" height="4" rx="2" fill="#c9bfb2" />
      <rect x="116" y="78" width="74" height="4" rx="2" fill="#c9bfb2" />
      <rect x="116" y="88" width="82" height="4" rx="2" fill="#c9bfb2" />
      <circle cx="138" cy="122" r="14" fill="#e2d9cc" />
      <path d="M138 122V108a14 14 0 0 1 13.3 18.3z" fill="#2b3a5c" />
      <circle cx="186" cy="124" r="16" fill="none" stroke="#a3262a" strokeWidth="3" />
      <path d="M186 113l3 7h7l-6 4 2 7-6-4-6 4 2-7-6-4h7z" fill="#a3262a" />
    </g>
  );
}

function Goods() {
  return (
    <g>
      <rect x="0" y="146" width="320" height="34" fill="#c3ccd0" />
      <ellipse cx="160" cy="148" rx="84" ry="6" fill="#7d8b92" opacity="0.35" />
      <path d="M96 70l64-22 64 22v76l-64 8-64-8z" fill="#c9a46b" />
      <path d="M96 70l64 14 64-14-64-22z" fill="#ddbd86" />
      <path d="M160 84v70l64-8V70z" fill="#b48c55" />
      <path d="M120 62l64 16v18l-10 2V80l-64-14z" fill="#a3262a" opacity="0.92" />
      <rect x="128" y="96" width="22" height="30" rx="2" fill="#fffdf8" stroke="#a3262a" strokeWidth="2" />
      <text x="139" y="116" textAnchor="middle" fontSize="14" fontWeight="700" fill="#a3262a">封</text>
      <path d="M224 86c14 2 22 8 26 18" stroke="#6b5a44" strokeWidth="1.5" fill="none" />
      <path d="M246 100l14-4 8 16-14 6z" fill="#fffdf8" stroke="#8e9ab3" strokeWidth="1.5" />
      <circle cx="251" cy="104" r="1.8" fill="#8e9ab3" />
    </g>
  );
}
