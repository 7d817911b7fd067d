import type { forms as en } from '../en/forms';

/** 表单：字段错误提示与提交按钮旁的未填项。 */
export const forms: Record<keyof typeof en, string> = {
  'forms.required': '此项为必填项。',
  'forms.tooShort': '不得少于 {n} 个字符。',
  'forms.tooLong': '不得超过 {n} 个字符。',
  'forms.tooLow': '不得小于 {n}。',
  'forms.tooHigh': '不得大于 {n}。',
  'forms.invalid': '填写内容不符合要求。',
  'forms.missing': '尚未填写：{fields}。',
  'forms.listSeparator': '、',
};
