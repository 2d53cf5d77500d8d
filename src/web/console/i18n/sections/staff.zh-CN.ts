// 控制台「staff」页面文字(简体中文)。
export const staffZhCN = {
  title: '',
};
